class Store:
    def aget(self, key):
        return key


async def view(request, store: Store, data):
    value = store.aget("x")
    data.afirst()
    return value
