"""The DigComp positioning test of issue 14 ("Where do I stand?").

For now a pure-Python engine (``engine``), the French item bank (``data/``) and
its loader (``bank``); the Django app (models, views, services) comes later.
"""
