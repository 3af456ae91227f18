from django.contrib.auth import alogout


async def sign_out(request):
    await alogout(request)
