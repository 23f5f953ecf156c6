def test_the_list_opens_for_an_anonymous_resident(client, published):
    response = client.get("/practices/")
    assert response.status_code == 200
    assert published.title in response.content.decode()
