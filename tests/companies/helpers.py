from tests.factories import nip_with_checksum


def valid_nip(prefix="777000111"):
    nip = nip_with_checksum(prefix)
    assert nip, "pick a prefix whose check digit is not 10"
    return nip


def company_data(**overrides):
    data = {
        "name": "Słoneczna Spółdzielnia",
        "nip": valid_nip(),
        "regon": "",
        "krs": "",
        "sector": "energy",
        "size": "small",
        "street": "ul. Długa 5",
        "postal_code": "31-147",
        "city": "Kraków",
        "district": "01",
        "website": "https://example.com",
        "description": "Panele na dachach.",
    }
    data.update(overrides)
    return data
