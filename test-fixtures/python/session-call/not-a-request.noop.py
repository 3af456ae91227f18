# fixture-options: entry=all django=5.1
def remember(store, key, value):
    store.session[key] = value
    return store.session.get(key)
