# fixture-options: entry=all
import time


def slow(request):
	if request.GET:
		time.sleep(1)
	return None
