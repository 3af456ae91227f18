from workqueue import enqueue


def plan_reset():
    enqueue("app.jobs.reset_counters", delay=60)
