"""What the built graph says, asked with SPARQL (Oxigraph) over its named graphs."""

from __future__ import annotations

import pyoxigraph

from tests.sparql import ask, rows

ARTICLE_1 = "antara-babel-2019-apeksi-sharing-session"
ARTICLE_2 = "komwil-i-apeksi-sosialisasi-medan-2025"
GRAPH_2 = f"<https://w3id.org/apeksi-kg/graph/article/{ARTICLE_2}>"


def test_named_graphs(store: pyoxigraph.Store) -> None:
    graphs = rows(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert graphs == sorted([
        (f"graph:article/{ARTICLE_1}",),
        (f"graph:article/{ARTICLE_2}",),
        ("graph:inferred",),
        ("graph:ontology",),
        ("graph:reference",),
        ("graph:registry",),
        ("graph:resolved",),
    ])


def test_mayor_is_inferred_never_stated(store: pyoxigraph.Store) -> None:
    assert rows(store, "SELECT ?p ?g WHERE { GRAPH ?g { ?p a apk:Mayor } }", union=False) == [
        ("airin-rachmi-diany", "graph:inferred"),
        ("maulan-aklil", "graph:inferred"),
        ("rico-waas", "graph:inferred"),
    ]


def test_mayor_of_links_and_their_inverses(store: pyoxigraph.Store) -> None:
    query = "SELECT ?p ?c WHERE { GRAPH graph:inferred { ?p apk:mayorOf ?c . ?c apk:hasMayor ?p } }"
    assert rows(store, query, union=False) == [
        ("airin-rachmi-diany", "kota-tangerang-selatan"),
        ("maulan-aklil", "kota-pangkal-pinang"),
        ("rico-waas", "kota-medan"),
    ]


def test_positions_as_reported(store: pyoxigraph.Store) -> None:
    query = """SELECT ?holder ?role ?in ?asOf ?title ?g WHERE { GRAPH ?g {
        ?pos a apk:Position ; apk:holder ?holder ; apk:role ?role ; apk:positionIn ?in ; apk:asOf ?asOf .
        OPTIONAL { ?pos apk:postTitle ?title } } }"""
    assert rows(store, query, union=False) == sorted([
        ("maulan-aklil", "apv:mayor", "kota-pangkal-pinang", "2019^^gYear", None, f"graph:article/{ARTICLE_1}"),
        ("indah-wibi-nastiti", "apv:executive-director", "apeksi", "2019^^gYear", None,
         f"graph:article/{ARTICLE_1}"),
        ("airin-rachmi-diany", "apv:chair", "apeksi", "2019^^gYear", None, f"graph:article/{ARTICLE_1}"),
        ("airin-rachmi-diany", "apv:mayor", "kota-tangerang-selatan", "2019^^gYear", None,
         f"graph:article/{ARTICLE_1}"),
        ("rico-waas", "apv:chair", "komwil-i", "2025-10-30^^date", None, f"graph:article/{ARTICLE_2}"),
        ("rico-waas", "apv:mayor", "kota-medan", "2025-10-30^^date", None, f"graph:article/{ARTICLE_2}"),
        ("elfin-elyas", "apv:director", "direktorat-dekonsentrasi-tugas-pembantuan-kerja-sama", "2025-10-30^^date",
         "Direktur Dekonsentrasi, Tugas Pembantuan, dan Kerja Sama", f"graph:article/{ARTICLE_2}"),
    ])


def test_event_dates_keep_their_precision(store: pyoxigraph.Store) -> None:
    query = """SELECT DISTINCT ?e ?date ?latest ?status WHERE { ?e a apk:Event ; apk:eventStatus ?status .
        OPTIONAL { ?e apk:date ?date } OPTIONAL { ?e apk:latestDate ?latest } }"""
    assert rows(store, query) == sorted([
        ("apeksi-sharing-session-2019-i", "2019-10-07^^date", None, "apv:held"),
        ("rapat-dewan-pengurus-apeksi-2019-08-13", "2019-08-13^^date", None, "apv:held"),
        ("studi-pertautan-pangkalpinang-ke-jambi", None, "2019^^gYear", "apv:held"),
        ("rakerkomwil-ii-apeksi-2020", "2020^^gYear", None, "apv:planned"),
        ("sosialisasi-kesepakatan-bersama-komwil-i-2025", "2025-10-30^^date", None, "apv:held"),
    ])


def test_events_where_and_by_whom(store: pyoxigraph.Store) -> None:
    query = """SELECT DISTINCT ?e ?p ?o WHERE { ?e a apk:Event ; ?p ?o .
        VALUES ?p { apk:eventCity apk:venue apk:organiser apk:host apk:followUpOf apk:eventType } }"""
    assert rows(store, query) == sorted([
        ("apeksi-sharing-session-2019-i", "apk:eventCity", "kota-yogyakarta"),
        ("apeksi-sharing-session-2019-i", "apk:venue", "hotel-tentrem"),
        ("apeksi-sharing-session-2019-i", "apk:organiser", "apeksi"),
        ("apeksi-sharing-session-2019-i", "apk:host", "kota-yogyakarta"),
        ("apeksi-sharing-session-2019-i", "apk:followUpOf", "rapat-dewan-pengurus-apeksi-2019-08-13"),
        ("apeksi-sharing-session-2019-i", "apk:eventType", "apv:sharing-session"),
        ("rapat-dewan-pengurus-apeksi-2019-08-13", "apk:venue", "hotel-sultan"),
        ("rapat-dewan-pengurus-apeksi-2019-08-13", "apk:organiser", "dewan-pengurus-apeksi"),
        ("rapat-dewan-pengurus-apeksi-2019-08-13", "apk:eventType", "apv:meeting"),
        ("studi-pertautan-pangkalpinang-ke-jambi", "apk:eventCity", "kota-jambi"),
        ("studi-pertautan-pangkalpinang-ke-jambi", "apk:eventType", "apv:study-visit"),
        ("rakerkomwil-ii-apeksi-2020", "apk:eventCity", "kota-pangkal-pinang"),
        ("rakerkomwil-ii-apeksi-2020", "apk:organiser", "komwil-ii"),
        ("rakerkomwil-ii-apeksi-2020", "apk:host", "kota-pangkal-pinang"),
        ("rakerkomwil-ii-apeksi-2020", "apk:eventType", "apv:regional-working-meeting"),
        ("sosialisasi-kesepakatan-bersama-komwil-i-2025", "apk:eventCity", "kota-medan"),
        ("sosialisasi-kesepakatan-bersama-komwil-i-2025", "apk:venue", "hotel-grand-mercure-medan"),
        ("sosialisasi-kesepakatan-bersama-komwil-i-2025", "apk:organiser", "komwil-i"),
        ("sosialisasi-kesepakatan-bersama-komwil-i-2025", "apk:eventType", "apv:information-session"),
    ])


def test_hotel_sultan_has_no_city(store: pyoxigraph.Store) -> None:
    """The article does not say where Hotel Sultan is, so neither does the graph."""
    assert rows(store, "SELECT ?v ?c WHERE { ?v apk:locatedIn ?c }") == [
        ("hotel-grand-mercure-medan", "kota-medan"),
        ("hotel-tentrem", "kota-yogyakarta"),
    ]


def test_participations(store: pyoxigraph.Store) -> None:
    query = """SELECT ?who ?role ?event ?for WHERE { ?x a apk:Participation ; apk:participant ?who ;
        apk:participationRole ?role ; apk:participationIn ?event . OPTIONAL { ?x apk:representing ?for } }"""
    assert rows(store, query) == sorted([
        ("maulan-aklil", "apv:attended", "apeksi-sharing-session-2019-i", "kota-pangkal-pinang"),
        ("airin-rachmi-diany", "apv:chaired", "rapat-dewan-pengurus-apeksi-2019-08-13", None),
        ("kota-pangkal-pinang", "apv:attended", "studi-pertautan-pangkalpinang-ke-jambi", None),
        ("rico-waas", "apv:opened", "sosialisasi-kesepakatan-bersama-komwil-i-2025", "komwil-i"),
        ("rico-waas", "apv:spoke", "sosialisasi-kesepakatan-bersama-komwil-i-2025", None),
        ("elfin-elyas", "apv:spoke", "sosialisasi-kesepakatan-bersama-komwil-i-2025", None),
        ("komwil-i", "apv:attended", "sosialisasi-kesepakatan-bersama-komwil-i-2025", None),
    ])


def test_agreements(store: pyoxigraph.Store) -> None:
    query = """SELECT ?a ?type ?link ?event WHERE { ?a a apk:Agreement ; apk:agreementType ?type ; ?link ?event .
        VALUES ?link { apk:signedAt apk:presentedAt apk:agreedAt } }"""
    assert rows(store, query) == sorted([
        ("mou-kota-yogyakarta-bumn-digitalisasi-2019", "apv:mou", "apk:signedAt", "apeksi-sharing-session-2019-i"),
        ("kesepakatan-rapat-dewan-pengurus-apeksi-2019-08-13", "apv:resolution", "apk:agreedAt",
         "rapat-dewan-pengurus-apeksi-2019-08-13"),
        ("kesepakatan-bersama-komwil-i-aplikasi-produk-unggulan", "apv:joint-agreement", "apk:presentedAt",
         "sosialisasi-kesepakatan-bersama-komwil-i-2025"),
    ])
    assert rows(store, "SELECT ?a ?party WHERE { ?a apk:party ?party }") == [
        ("mou-kota-yogyakarta-bumn-digitalisasi-2019", "kota-yogyakarta"),
        ("mou-kota-yogyakarta-bumn-digitalisasi-2019", "perusahaan-bumn"),
    ]


def test_one_node_many_names(store: pyoxigraph.Store) -> None:
    query = """SELECT DISTINCT ?name ?pref WHERE { VALUES ?e { id:maulan-aklil id:kota-yogyakarta id:rico-waas }
        ?e skos:prefLabel ?pref ; skos:altLabel ?name }"""
    assert rows(store, query) == sorted([
        ("Molen", "Maulan Aklil"),
        ("Jogja", "Kota Yogyakarta"),
        ("Jogjakarta", "Kota Yogyakarta"),
        ("Kota Jogja", "Kota Yogyakarta"),
        ("Rico Waas", "Rico Tri Putra Bayu Waas"),
    ])


def test_titles_are_not_part_of_names(store: pyoxigraph.Store) -> None:
    query = """SELECT ?name ?before ?after WHERE { id:elfin-elyas skos:prefLabel ?name ;
        schema:honorificPrefix ?before ; schema:honorificSuffix ?after }"""
    assert rows(store, query) == [("Elfin Elyas", "Dr.", "S.Sos., M.Si.")]


def test_every_entity_has_exactly_one_preferred_name(store: pyoxigraph.Store) -> None:
    query = """SELECT ?e (COUNT(DISTINCT ?name) AS ?n) WHERE { ?e a ?c . FILTER(STRSTARTS(STR(?e), STR(id:)))
        OPTIONAL { ?e skos:prefLabel ?name } } GROUP BY ?e HAVING (COUNT(DISTINCT ?name) != 1)"""
    assert rows(store, query) == []


def test_all_reference_cities_with_code_province_komwil_wikidata(store: pyoxigraph.Store) -> None:
    query = """SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH graph:reference {
        ?c a apk:City ; apk:kemendagriCode ?code ; apk:inProvince ?p ; apk:memberOf ?k , id:apeksi ;
           owl:sameAs ?wd . ?k a apk:Commission . ?p a apk:Province .
        FILTER(STRSTARTS(STR(?wd), "http://www.wikidata.org/entity/Q")) } }"""
    assert rows(store, query, union=False) == [("98^^integer",)]
    assert rows(store, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a apk:Province }") == [("38^^integer",)]
    located = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a apk:City ; geo:lat ?lat ; geo:long ?long }"
    assert rows(store, located) == [("96^^integer",)]


def test_pangkal_pinang_reference_record(store: pyoxigraph.Store) -> None:
    query = """SELECT ?code ?province ?komwil ?wd ?lat WHERE { GRAPH graph:reference { id:kota-pangkal-pinang
        apk:kemendagriCode ?code ; apk:inProvince ?province ; apk:memberOf ?komwil ; owl:sameAs ?wd ;
        geo:lat ?lat . ?komwil a apk:Commission } }"""
    assert rows(store, query, union=False) == [
        ("19.71", "provinsi-kepulauan-bangka-belitung", "komwil-ii", "wd:Q8179", "-2.1^^decimal")
    ]


def test_komwil_sizes(store: pyoxigraph.Store) -> None:
    query = """SELECT ?k (COUNT(DISTINCT ?c) AS ?n) WHERE { ?k a apk:Commission ; apk:partOf id:apeksi .
        ?c apk:memberOf ?k } GROUP BY ?k"""
    assert rows(store, query) == [
        ("komwil-i", "24^^integer"), ("komwil-ii", "10^^integer"), ("komwil-iii", "25^^integer"),
        ("komwil-iv", "13^^integer"), ("komwil-v", "9^^integer"), ("komwil-vi", "17^^integer"),
    ]


def test_every_city_is_a_reference_city(store: pyoxigraph.Store) -> None:
    query = "SELECT ?c WHERE { ?c a apk:City FILTER NOT EXISTS { GRAPH graph:reference { ?c a apk:City } } }"
    assert rows(store, query) == []


def test_reference_provenance_is_its_own(store: pyoxigraph.Store) -> None:
    query = "SELECT ?licence WHERE { GRAPH graph:reference { graph:reference dcterms:license ?licence } }"
    assert rows(store, query, union=False) == [
        ("https://creativecommons.org/publicdomain/zero/1.0/",),
        ("https://opensource.org/licenses/MIT",),
    ]
    basis = """SELECT ?basis (COUNT(?source) AS ?n) WHERE { GRAPH graph:reference { ?st rdf:subject
        id:kota-pangkal-pinang ; rdf:predicate apk:memberOf ; rdf:object id:komwil-ii ; apk:basis ?basis ;
        dcterms:source ?source } } GROUP BY ?basis"""
    assert rows(store, basis, union=False)[0][0] == "explicit city list"
    assert not ask(store, "ASK { GRAPH graph:reference { ?s apk:evidence ?e } }")


def test_article_metadata_is_in_its_graph(store: pyoxigraph.Store) -> None:
    query = f"""SELECT ?p ?o WHERE {{ GRAPH {GRAPH_2} {{ article:{ARTICLE_2} ?p ?o
        FILTER(?p != schema:text) }} }}"""
    assert rows(store, query, union=False) == sorted([
        ("rdf:type", "apk:Article"),
        ("schema:headline", "Wali Kota Medan Dorong Sinergi Antarkota Bangkitkan Ekonomi Lewat Aplikasi dan "
                            "Produk Unggulan"),
        ("schema:datePublished", "2025-10-30T23:56:00+07:00^^dateTime"),
        ("schema:inLanguage", "id"),
        ("apk:originalFileName", "004_3c6f1f0e91b8abcc.txt"),
    ])
    publisher = f"SELECT ?pub ?author WHERE {{ article:{ARTICLE_1} schema:publisher ?pub ; schema:author ?author }}"
    assert rows(store, publisher) == [("antara-babel", "try-mustika-hardi")]


def test_every_article_fact_has_evidence(store: pyoxigraph.Store) -> None:
    query = """SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o
        FILTER(STRSTARTS(STR(?g), "https://w3id.org/apeksi-kg/graph/article/"))
        FILTER NOT EXISTS { ?s a rdf:Statement } FILTER NOT EXISTS { ?s a oa:SpecificResource }
        FILTER NOT EXISTS { ?s a oa:TextQuoteSelector } FILTER NOT EXISTS { ?s a oa:TextPositionSelector }
        FILTER NOT EXISTS { ?s a apk:Article } FILTER(?s != ?g)
        FILTER NOT EXISTS { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; apk:evidence ?ev } } }"""
    assert rows(store, query, union=False) == []


def test_inferred_graph_states_nothing_already_stated(store: pyoxigraph.Store) -> None:
    query = """ASK { GRAPH graph:inferred { ?s ?p ?o }
        GRAPH ?g { ?s ?p ?o } FILTER(?g != graph:inferred) }"""
    assert not ask(store, query)


def test_inferred_types_use_standard_vocabularies(store: pyoxigraph.Store) -> None:
    query = "SELECT ?t WHERE { GRAPH graph:inferred { id:maulan-aklil a ?t } }"
    assert rows(store, query, union=False) == [
        ("apk:Mayor",), ("foaf:Person",), ("prov:Agent",), ("schema:Person",),
    ]
