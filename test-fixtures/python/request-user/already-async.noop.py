async def view(request):
    user = await request.auser()
    return user.pk
