"""Polynomials: exact multiplication as coefficient convolution."""

from .explain import ProductExplanation, explain_product
from .polynomial import Polynomial

__all__ = ["Polynomial", "ProductExplanation", "explain_product"]
