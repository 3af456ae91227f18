from setuptools import find_packages, setup

setup(
    name="django-desk",
    version="0.3",
    packages=find_packages(exclude=["desk.tests"]),
    install_requires=["Django>=5.0"],
)
