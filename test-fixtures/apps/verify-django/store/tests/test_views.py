from django.test import TestCase

from store.models import Product


class ProductViewsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pear = Product.objects.create(name="pear", price=3, stock=0)
        Product.objects.create(name="apple", price=2, stock=5)
        Product.objects.create(name="plum", price=4, stock=0)

    def test_detail(self):
        self.assertEqual(self.client.get(f"/products/{self.pear.pk}/").json(), {"name": "pear", "price": 3})

    def test_count(self):
        self.assertEqual(self.client.get("/products/count/").json(), {"count": 3})

    def test_cheapest(self):
        self.assertEqual(self.client.get("/products/cheapest/").json(), {"name": "apple"})

    def test_newest(self):
        self.assertEqual(self.client.get("/products/newest/").json(), {"name": "plum"})

    def test_in_stock(self):
        self.assertEqual(self.client.get("/products/in-stock/").json(), {"any": True})

    def test_names(self):
        self.assertEqual(self.client.get("/products/names/").json(), {"names": ["apple", "pear", "plum"]})
