"""The meeting of excom-principals-2023-03-20.txt, as structured records."""

from __future__ import annotations

# The member entities of the Executive Committee.
MEMBERS = [
    ("IOM", "International Organization for Migration"),
    ("DESA", "United Nations Department of Economic and Social Affairs"),
    ("ILO", "International Labour Organization"),
    ("OHCHR", "Office of the United Nations High Commissioner for Human Rights"),
    ("UNDP", "United Nations Development Programme"),
    ("UNHCR", "Office of the United Nations High Commissioner for Refugees"),
    ("UNICEF", "United Nations Children's Fund"),
    ("UNODC", "United Nations Office on Drugs and Crime"),
    ("WHO", "World Health Organization"),
    ("", "World Bank"),
]
# The Network's own secretariat: a unit of the registry that takes action points, not a member.
SECRETARIAT = ("", "Network Secretariat")
ORGANIZATIONS = [*MEMBERS, SECRETARIAT]

# (name, title, organisation label, role at the meeting)
PARTICIPANTS = [
    ("António Vitorino", "Director General", "IOM", "Network Coordinator"),
    ("John Wilmoth", "Director, Population Division", "DESA", ""),
    ("Sukti Dasgupta", "Director, Conditions of Work and Equality Department", "ILO", ""),
    ("Craig Mokhiber", "Director, NY Office", "OHCHR", ""),
    ("George Conway", "Deputy Director, Crisis Bureau", "UNDP", ""),
    ("Gillian Triggs", "Assistant High Commissioner for Protection", "UNHCR", ""),
    ("Omar Abdi", "Deputy Executive Director", "UNICEF", ""),
    ("Ghada Fathi Waly", "Executive Director", "UNODC", ""),
    ("Zsuzsanna Jakab", "Deputy Director-General", "WHO", ""),
    (
        "Sonia Plaza",
        "Senior Economist, Finance, Competitiveness and Innovation Global Practice",
        "World Bank",
        "",
    ),
]

TITLE = "Executive Committee Principals (Virtual) Meeting"

OPENING_REMARKS = (
    "In his opening remarks, the Coordinator provided an update on the Network's efforts in "
    "strengthening its support to governments at country level including through trainings and "
    "workshops; the Migration MPTF; and on his briefing with Member States specifically on the "
    "Regional Reviews framework."
)

FRAMEWORK_URL = "https://migrationnetwork.un.org/regional-reviews-framework"
GCM_TALKS_URL = "https://migrationnetwork.un.org/gcm-talks"

# Each item: agenda title (as listed), section heading, discussion (Markdown), decisions
# (kind, text), action points (text, owner note), topics, documents (title, url).
ITEMS = [
    {
        "agenda_title": "Framework on the preparation and organization of the Regional Reviews of "
        "the Global Compact for Safe, Orderly and Regular Migration",
        "title": "Framework on the preparation and organization of the Regional Reviews of the "
        "Global Compact for Safe, Orderly and Regular Migration (GCM)",
        "discussion": f"""[The framework on the preparation and organization of the Regional Reviews of the Global Compact for Safe, Orderly and Regular]({FRAMEWORK_URL}) was endorsed. The Regional Reviews will offer opportunities to identify and discuss regional and sub-regional migration trends and characteristics, as well as stocktaking on the implementation of the GCM and the IMRF's Progress Declaration.

The Coordinator recalled the IMRF Progress Declaration mandate of briefing the United Nations General Assembly on the outcomes from the Regional Reviews by the second half of 2024. He proposed that, in order to accommodate the calendars of the UN regional commissions over the next two years, the timeframe for the regional reviews should remain flexible, This was agreed.

The Regional Reviews were recognized as a process of consultations at regional and sub-regional levels, including the UN regional commissions and regional consultative processes on Migration, supported by Regional Networks, rather than as a one-off event. It was agreed to continue discussions with the UN regional commissions to seek ways to have them contribute to the Regional Reviews within the mandated timeframe.

Building on lessons learnt from the first round of Regional Reviews, it was agreed to alleviate reporting burdens of Member States, suggesting that national reporting on GCM implementation be undertaken only ahead of the next IMRF in 2026 rather than in addition to the Regional Reviews.

Several participants urged that the Regional Reviews process ensure inclusivity of participants, including migrants, diaspora and youth, and that the Regional Reviews outputs are well integrated into the 2026 IMRF.

The Coordinator also drew attention to the Network's [GCM Talks]({GCM_TALKS_URL}) to discuss various thematic migration issues during the Regional Reviews.""",
        "decisions": [
            (
                "endorsed",
                "The framework on the preparation and organization of the Regional "
                "Reviews of the Global Compact for Safe, Orderly and Regular Migration was endorsed.",
            ),
            (
                "agreed",
                "In order to accommodate the calendars of the UN regional commissions over "
                "the next two years, the timeframe for the regional reviews should remain flexible.",
            ),
            (
                "agreed",
                "To continue discussions with the UN regional commissions to seek ways to "
                "have them contribute to the Regional Reviews within the mandated timeframe.",
            ),
            (
                "agreed",
                "To alleviate reporting burdens of Member States, suggesting that national "
                "reporting on GCM implementation be undertaken only ahead of the next IMRF in 2026 "
                "rather than in addition to the Regional Reviews.",
            ),
        ],
        "actions": [
            (
                "Continued discussions with the UN regional commissions at the working level to "
                "ensure their contributions to the Regional Reviews per the mandated timeframe.",
                "at the working level",
            ),
            ("Develop a roadmap of the Regional Reviews process.", ""),
        ],
        "topics": ["Regional Reviews", "Global Compact for Migration", "IMRF 2026"],
        "documents": [
            (
                "Framework on the preparation and organization of the Regional Reviews",
                FRAMEWORK_URL,
            ),
            ("GCM Talks", GCM_TALKS_URL),
        ],
    },
    {
        "agenda_title": "Complementary implementation of the Global Compact for Safe, Orderly and "
        "Regular Migration and the Global Compact for Refugees",
        "title": "Complementary implementation of the Global Compact for Safe, Orderly and Regular "
        "Migration (GCM) and the Global Compact for Refugees (GCR)",
        "discussion": """The suggested actions in the discussion note were endorsed, including on coordinating the implementation of both GCM and GCR pledges, particularly in the run-up to the Global Refugee Forum in December, and on a joint advocacy approach towards the SDG Summit.

Many participants welcomed the discussion on the complementary implementation of both Global Compacts to avoid compartmentalized responses and address overlapping thematic issues affecting human mobility, including in the context of mixed movements, related to , regular pathways, climate change, trafficking in persons, human rights protections, decent work, skills recognition, labour standards, addressing drivers and health, among other issues. Examining such issues in particular regions or sub-regions including during the Regional Reviews was suggested, while acknowledging that the regional reviews are focused only on the implementation of the GCM. The Venezuela response in particular was highlighted as a good example as a platform for addressing a mixed movement.

Several recognized the critical role of the Network, particularly in bringing in all UN entities with their mandates and expertise, to work in close cooperation with other actors on complementary implementation. A joint working group on complementarity and joint programming for both populations was suggested.""",
        "decisions": [
            (
                "endorsed",
                "The suggested actions in the discussion note were endorsed, including on "
                "coordinating the implementation of both GCM and GCR pledges, particularly in the "
                "run-up to the Global Refugee Forum in December, and on a joint advocacy approach "
                "towards the SDG Summit.",
            ),
        ],
        "actions": [
            (
                "To implement the actions and recommendations for greater complementarity in the "
                "implementation of the two Compacts as proposed in the discussion note.",
                "",
            ),
        ],
        "topics": [
            "Global Compact for Refugees",
            "Global Compact for Migration",
            "SDG Summit 2023",
        ],
        "documents": [],
    },
    {
        "agenda_title": "On potential Network contributions to intergovernmental processes "
        "including the High-Level Political Forum in July 2023 and the SDG Summit in September "
        "2023",
        "title": "Potential Network contributions to intergovernmental processes including the "
        "High-Level Political Forum in July 2023 and the SDG Summit in September 2023",
        "discussion": """The recommendations to develop guidance to strengthen the integration of migration and the GCM into the voluntary national reports for the HLPF were welcomed, and as were the recommendations to develop an advocacy plan for the SDG Summit including on complementary implementation of both Global Compacts and to showcase two to three countries to demonstrate the on-the-ground contribution of the GCM to the SDGs.

The set of key messages for the SDG Summit was well received by all. With no further edits sent, the messages will be channelled towards the HLPF and SDG Summit.

Many acknowledged the importance of bringing the GCM and SDGs and their implementation more closely together, using the opportunity of both the HLPF and SDG Summit for the Network to speak with one voice. It was suggested that Network members could also promote closer linkages between the implementation of the GCM and the SDGs within their respective intergovernmental processes.""",
        "decisions": [
            (
                "welcomed",
                "The recommendations to develop guidance to strengthen the integration of "
                "migration and the GCM into the voluntary national reports for the HLPF were "
                "welcomed.",
            ),
            (
                "welcomed",
                "The recommendations to develop an advocacy plan for the SDG Summit "
                "including on complementary implementation of both Global Compacts and to showcase "
                "two to three countries to demonstrate the on-the-ground contribution of the GCM to "
                "the SDGs were welcomed.",
            ),
            ("welcomed", "The set of key messages for the SDG Summit was well received by all."),
        ],
        "actions": [
            (
                "Finalize the key messages for the SDG Summit, to be channelled to the "
                "co-facilitators of the SDG Summit negotiations.",
                "",
            ),
        ],
        "topics": ["SDG Summit 2023", "High-Level Political Forum"],
        "documents": [],
    },
]

AOB = {
    "title": "AOB",
    "discussion": "The regional economic commissions have requested to join the Network's "
    "Executive Committee on a rotational basis. It was agreed that this first be discussed at "
    "the working level with recommendations shared with the Principals.",
    "decisions": [
        (
            "agreed",
            "The request of the regional economic commissions to join the Executive "
            "Committee on a rotational basis will first be discussed at the working level with "
            "recommendations shared with the Principals.",
        ),
    ],
    "topics": ["Executive Committee membership"],
}
