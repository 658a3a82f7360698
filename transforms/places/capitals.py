"""World knowledge the components need: national capitals and the countries they stand for.

News uses a capital for its government ("Seoul wants ...", "pressure from Washington");
the evaluation gold and an analyst asking "every document about South Korea" count those
as the country. The table is the general list of national seats of government (common
English names as NER writes them), not a list tuned to any corpus. Capitals whose name is a
common word or another well-known place ("Victoria", "Kingston", "Male", "Georgetown") are
left out: the wrong merge would cost more than the missed one.
"""

from __future__ import annotations

_PAIRS = """
Kabul:Afghanistan|Tirana:Albania|Algiers:Algeria|Luanda:Angola|Buenos Aires:Argentina
Yerevan:Armenia|Canberra:Australia|Vienna:Austria|Baku:Azerbaijan|Manama:Bahrain
Dhaka:Bangladesh|Minsk:Belarus|Brussels:Belgium|Porto-Novo:Benin|Thimphu:Bhutan
La Paz:Bolivia|Sarajevo:Bosnia and Herzegovina|Gaborone:Botswana|Brasilia:Brazil
Brasília:Brazil|Bandar Seri Begawan:Brunei|Sofia:Bulgaria|Ouagadougou:Burkina Faso
Gitega:Burundi|Phnom Penh:Cambodia|Yaounde:Cameroon|Yaoundé:Cameroon|Ottawa:Canada
Bangui:Central African Republic|N'Djamena:Chad|Santiago:Chile|Beijing:China|Bogota:Colombia
Bogotá:Colombia|Kinshasa:Democratic Republic of the Congo|Brazzaville:Republic of the Congo
San Jose:Costa Rica|Zagreb:Croatia|Havana:Cuba|Nicosia:Cyprus|Prague:Czech Republic
Copenhagen:Denmark|Djibouti:Djibouti|Santo Domingo:Dominican Republic|Quito:Ecuador
Cairo:Egypt|San Salvador:El Salvador|Asmara:Eritrea|Tallinn:Estonia|Addis Ababa:Ethiopia
Suva:Fiji|Helsinki:Finland|Paris:France|Libreville:Gabon|Banjul:Gambia|Tbilisi:Georgia
Berlin:Germany|Accra:Ghana|Athens:Greece|Guatemala City:Guatemala|Conakry:Guinea
Bissau:Guinea-Bissau|Port-au-Prince:Haiti|Tegucigalpa:Honduras|Budapest:Hungary
Reykjavik:Iceland|New Delhi:India|Jakarta:Indonesia|Tehran:Iran|Baghdad:Iraq|Dublin:Ireland
Rome:Italy|Abidjan:Ivory Coast|Tokyo:Japan|Amman:Jordan|Astana:Kazakhstan|Nairobi:Kenya
Pristina:Kosovo|Kuwait City:Kuwait|Bishkek:Kyrgyzstan|Vientiane:Laos|Riga:Latvia
Beirut:Lebanon|Maseru:Lesotho|Monrovia:Liberia|Tripoli:Libya|Vilnius:Lithuania
Antananarivo:Madagascar|Lilongwe:Malawi|Kuala Lumpur:Malaysia|Bamako:Mali|Valletta:Malta
Nouakchott:Mauritania|Port Louis:Mauritius|Mexico City:Mexico|Chisinau:Moldova
Ulaanbaatar:Mongolia|Ulan Bator:Mongolia|Podgorica:Montenegro|Rabat:Morocco
Maputo:Mozambique|Naypyidaw:Myanmar|Naypyitaw:Myanmar|Windhoek:Namibia|Kathmandu:Nepal
The Hague:Netherlands|Wellington:New Zealand|Managua:Nicaragua|Niamey:Niger|Abuja:Nigeria
Pyongyang:North Korea|Skopje:North Macedonia|Oslo:Norway|Muscat:Oman|Islamabad:Pakistan
Ramallah:Palestine|Panama City:Panama|Port Moresby:Papua New Guinea|Asuncion:Paraguay
Asunción:Paraguay|Lima:Peru|Manila:Philippines|Warsaw:Poland|Lisbon:Portugal|Doha:Qatar
Bucharest:Romania|Moscow:Russia|Kigali:Rwanda|Riyadh:Saudi Arabia|Dakar:Senegal
Belgrade:Serbia|Freetown:Sierra Leone|Bratislava:Slovakia|Ljubljana:Slovenia
Mogadishu:Somalia|Pretoria:South Africa|Seoul:South Korea|Juba:South Sudan|Madrid:Spain
Colombo:Sri Lanka|Khartoum:Sudan|Paramaribo:Suriname|Stockholm:Sweden|Bern:Switzerland
Damascus:Syria|Taipei:Taiwan|Dushanbe:Tajikistan|Dodoma:Tanzania|Bangkok:Thailand
Lome:Togo|Lomé:Togo|Tunis:Tunisia|Ankara:Turkey|Ashgabat:Turkmenistan|Kampala:Uganda
Kyiv:Ukraine|Kiev:Ukraine|Abu Dhabi:United Arab Emirates|London:United Kingdom
Washington:United States|Montevideo:Uruguay|Tashkent:Uzbekistan|Caracas:Venezuela
Hanoi:Vietnam|Sanaa:Yemen|Sana'a:Yemen|Lusaka:Zambia|Harare:Zimbabwe
"""

CAPITALS: dict[str, str] = {
    capital.lower(): country
    for capital, country in (item.split(":") for item in _PAIRS.replace("\n", "|").split("|")
                             if item)
}
"""Capital (lower case, as written) -> country name."""


def country_of_capital(name: str) -> str | None:
    """The country a national capital stands for ("Seoul" -> "South Korea"), else None."""
    return CAPITALS.get(name.strip().lower())
