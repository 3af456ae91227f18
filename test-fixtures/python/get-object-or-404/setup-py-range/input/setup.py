from setuptools import setup

setup(
    name="tickets-app",
    version="1.0",
    packages=["tickets"],
    install_requires=[
        "Django>=4.1",
        "django-model-utils>=4.0",
    ],
    python_requires=">=3.9",
)
