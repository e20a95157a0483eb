import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from billing.money import EuroField, format_amount, parse_euros


class TestParseEuros:
    @pytest.mark.parametrize(
        "typed, cents",
        [
            ("125,50 €", 12550),
            ("125,50€", 12550),
            ("125.50", 12550),
            ("125", 12500),
            ("125,5", 12550),
            ("0,05", 5),
            ("1 250,50", 125050),
            ("1\xa0250,50 €", 125050),
            ("1\u202f250,50", 125050),
            ("1.250,50", 125050),
            ("  42 ", 4200),
            ("42 EUR", 4200),
            ("0", 0),
        ],
    )
    def test_staff_type_euros_with_a_comma_a_dot_or_none(self, typed, cents):
        assert parse_euros(typed) == cents

    @pytest.mark.parametrize("typed", ["douze", "12,5,0", "€", "1e3", "12,50 $", ","])
    def test_nonsense_is_refused_in_french(self, typed):
        with pytest.raises(ValidationError) as error:
            parse_euros(typed)
        assert error.value.messages == [
            "Saisissez un montant en euros, par exemple 125,50."
        ]

    @pytest.mark.parametrize("typed", ["-5", "-125,50 €", "-0,01"])
    def test_a_negative_amount_is_refused(self, typed):
        with pytest.raises(ValidationError) as error:
            parse_euros(typed)
        assert error.value.messages == ["Le montant ne peut pas être négatif."]

    def test_more_than_cents_is_refused(self):
        with pytest.raises(ValidationError) as error:
            parse_euros("12,505")
        assert error.value.code == "too_precise"


class TestFormatAmount:
    def test_cents_read_as_french_euros(self):
        with translation.override("fr"):
            assert format_amount(12550) == "125,50\xa0€"
            assert format_amount(125050) == "1\xa0250,50\xa0€"
            assert format_amount(0) == "0,00\xa0€"
            assert format_amount(None) == ""

    def test_another_currency_keeps_its_code(self):
        with translation.override("fr"):
            assert format_amount(1000, "CHF") == "10,00\xa0CHF"


class TestEuroField:
    def test_it_cleans_to_cents_and_shows_euros(self):
        field = EuroField()
        assert field.clean("125,50 €") == 12550
        with translation.override("fr"):
            assert field.prepare_value(12550) == "125,50"
        assert field.prepare_value("12x") == "12x"  # what was typed, on error

    def test_empty_is_required_unless_told(self):
        with pytest.raises(ValidationError):
            EuroField().clean("")
        assert EuroField(required=False).clean(" ") is None
