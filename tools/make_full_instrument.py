"""Writes src/dancecard/core/data/instruments/full-1.0.toml from the table below.

The instrument is data; this script only keeps 60 items consistent in format.
Run it after editing the table, and commit both.
"""

import json
from pathlib import Path

C, P, N, S = "001_eb76e04c043b9737.txt", "000_587ecadf5e23e0b4.txt", "004_37010681c2ba077a.txt", "003_92878a939c5b0d66.txt"
B, W = "higher_is_better", "higher_is_worse"
AGREE = ["Not at all", "A little", "Partly", "Largely", "Fully"]
SEVERITY = ["Not a problem", "A minor problem", "A real problem", "A serious problem", "A blocking problem"]

# id, factor, dimension, kind, direction, weight, question, help, scale (labels | options | number scale), ask, seed, section
ITEMS = [
    # ---- market needs ----------------------------------------------------------------------------
    ("customer_need", "market", "market.customer_need", "likert", B, 3,
     "Is there a named group of customers with a need the joint offering would meet?",
     "Cotman found that an alliance with no clear market need has no value. Name the customers and the problem they have today.",
     ["No customer in mind", "A vague idea of a market", "A market, but no clear need", "A clear need in a named market", "Named customers who have asked for it"],
     "Which of your customers, or which market, needs what we could offer together?", C, "3 Key Themes: Market Orientation", True),
    ("market_evidence", "market", "market.customer_need", "likert", B, 2,
     "How well is that need evidenced?",
     "Evidence of need ranges from a hunch to paying customers. The more evidence, the less the alliance rests on hope.",
     ["A hunch", "Anecdotes", "Conversations with prospects", "Letters of intent or pilots", "Paying customers waiting"],
     "Which customers have told you they would buy this, and in what form?", C, "3 Key Themes: Market Orientation"),
    ("unique_offering", "market", "market.unique_offering", "likert", B, 2,
     "Would the two firms together offer something no one else can?",
     "The value of an asymmetric alliance lies in a joint offering neither side, nor a competitor, can provide alone.",
     ["Others already offer it", "Slightly better than what exists", "Better in a few ways", "Clearly better than what exists", "Unique: no one else can offer it"],
     "What would our joint offering do that your current partners' solutions do not?", C, "3 Key Themes: Market Orientation"),
    ("route_to_market", "market", "market.route_to_market", "single", B, 2,
     "How will the joint offering reach the customers?",
     "Cotman's alliances were market-oriented: aimed at distribution, or at new joint solutions for clients.",
     [("unclear", "Not clear yet", 0.0), ("sme_alone", "We would still sell it alone", 0.35), ("joint_promotion", "Joint promotion and referrals", 0.7), ("partner_channel", "Through the partner's sales and distribution", 1.0)],
     "Who on your side would sell this, and through which channel?", C, "3 Key Themes: Market Orientation"),
    ("shared_view", "market", "market.shared_view", "likert", B, 1.5,
     "Does the partner describe the target market and its need the way you do?",
     "Different agendas are a main source of tension between small and large partners; a shared view of the market is the first agenda to align.",
     ["Not at all", "Hardly", "Partly", "Largely", "Exactly"],
     "How would you describe the customer and the problem we are solving together?", N, "4.4.1 Different Agendas of Parties"),
    ("international_reach", "market", "market.international_reach", "likert", B, 1.5,
     "How far would the alliance take you beyond your home market?",
     "Hi-tech SMEs often find their home market too small; an alliance is worth more when it opens markets abroad.",
     ["Not at all", "One nearby market", "A few foreign markets", "A region", "Global reach"],
     "In which countries would the joint offering be sold in the first two years?", C, "Summary"),
    # ---- partner value: what the SME offers (motives) ---------------------------------------------
    ("motive_citizenship", "partner_value", "motive.corporate_citizenship", "likert", B, 1,
     "Would working with you help the partner be seen as a good corporate citizen locally?",
     "MNC subsidiaries want to show a responsible contribution to the local economy; supporting local SMEs is one way (Prashantham Table 1).",
     AGREE, "Does your unit run programmes to support local firms, and could we be part of one?", P, "Lesson 1: recognise opportunities, (i) Corporate citizenship; Table 1"),
    ("motive_evangelisation", "partner_value", "motive.technology_evangelisation", "likert", B, 1,
     "Would you adopt or promote the partner's technology platform?",
     "MNCs gain when small firms build on their platforms: the SME becomes an adopter and a showcase (Prashantham Table 1).",
     AGREE, "What would you expect from us as a user of your platform?", P, "Lesson 1: recognise opportunities, (ii) Technology evangelisation; Table 1"),
    ("motive_absorption", "partner_value", "motive.technology_absorption", "likert", B, 1.5,
     "Does the partner want to take in your innovation for its own products or services?",
     "MNCs cannot innovate alone and look for new ideas from small firms; this motive makes you valuable, and also exposed.",
     AGREE, "Which of your product lines would our technology feed into?", P, "Lesson 1: recognise opportunities, (iii) Technology absorption; Table 1"),
    ("motive_capability", "partner_value", "motive.capability_demonstration", "likert", B, 1,
     "Would a success with you help the local unit win a bigger mandate from its head office?",
     "Subsidiaries use local projects to show their parent what they can do, as Sun's Scottish unit did with RFID.",
     AGREE, "What would a success with us mean for your unit's standing with head office?", P, "Lesson 1: recognise opportunities, (iv) Capability demonstration; Table 1"),
    ("motive_spin_off", "partner_value", "motive.spin_off_support", "yes_no", B, 1,
     "Did your firm grow out of the partner (a spin-off it sponsors)?",
     "MNC subsidiaries sometimes incubate ventures and then sponsor them, as Motorola did for Mitoken in Bangalore.",
     None, "Would your organisation act as sponsor or mentor for us?", P, "Lesson 1: recognise opportunities, (v) Spin-off support; Table 1"),
    # ---- partner value: SME assets ------------------------------------------------------------------
    ("asset_niche", "partner_value", "asset.niche_products", "likert", B, 1,
     "Do you have niche products the partner does not make itself?",
     "Large firms outsource non-core lines; small firms with niche products become specialised suppliers (Sakai).",
     AGREE, "Which parts of this offering would you rather buy than build?", S, "Specialised suppliers"),
    ("asset_technology", "partner_value", "asset.technology_ip", "likert", B, 2,
     "Is your technology or intellectual property ahead of what the partner has?",
     "Leading-edge technology and IP are why large firms call small ones into joint development, often through licences (Sakai).",
     ["Behind theirs", "On a par", "Slightly ahead", "Clearly ahead", "Years ahead and protected"],
     "How does our technology compare with what your own teams are building?", S, "Strategic alliances"),
    ("asset_local_knowledge", "partner_value", "asset.local_market_knowledge", "likert", B, 1,
     "Does your knowledge of your local market or customers matter to the partner?",
     "Foreign firms partner with local small firms to use their customer base and market knowledge (Sakai).",
     AGREE, "How well do you know the customers in our market today?", S, "Strategic alliances"),
    ("asset_qcd", "partner_value", "asset.qcd_capability", "likert", B, 1,
     "Can you meet the partner's standards of quality, cost and delivery?",
     "Specialised suppliers to global industries must meet the large firm's standards; falling short ends the relationship.",
     ["Not at all", "With great effort", "Mostly", "Yes", "Yes, with a track record"],
     "Which quality, cost and delivery standards would we have to meet?", S, "Specialised suppliers"),
    ("asset_expertise", "partner_value", "asset.specialised_expertise", "likert", B, 1,
     "Does your expertise save the partner R&D cost or time to market?",
     "Partnering with small firms lets large firms economise on R&D and shorten lead times (Sakai).",
     AGREE, "How long would it take your teams to build this expertise?", S, "Strategic alliances"),
    # ---- partner value: what the MNC offers ----------------------------------------------------------
    ("offer_distribution", "partner_value", "offer.distribution", "likert", B, 2,
     "Would the partner open its distribution channels and sales force to you?",
     "Access to broader distribution and sales forces is a main reason SMEs ally with larger firms (Sakai).",
     ["No", "In principle only", "Some channels", "Most relevant channels", "Fully, with sales targets"],
     "Which sales teams and channels would carry our offering, with what targets?", S, "Strategic alliances"),
    ("offer_brand", "partner_value", "offer.brand_legitimacy", "likert", B, 1.5,
     "Would the association with the partner's brand add to your credibility?",
     "Working with a well-known firm gives a young SME legitimacy in foreign markets (NZ thesis, 4.2.1).",
     ["Not at all", "A little", "Somewhat", "Much", "It would transform our credibility"],
     "Could we say publicly that we work with you, and how?", N, "4.2.1 Gaining Legitimacy"),
    ("offer_platform", "partner_value", "offer.technology_platform", "likert", B, 1,
     "Would you gain access to the partner's technology, tools or technical support?",
     "Large partners offer rapid access to technology platforms (Born to Go Global), as in software partner programmes.",
     AGREE, "What technical support and tools come with working with you?", "002_5cf01f8e7b090b5b.txt", "Born to Go Global"),
    ("offer_market_knowledge", "partner_value", "offer.market_knowledge", "likert", B, 1,
     "Would the partner share its knowledge of foreign markets?",
     "SMEs lack knowledge of foreign markets; partners who share it speed up market selection (NZ thesis, 2.6.3).",
     AGREE, "What do you know about the markets we want to enter that we could learn from?", N, "2.6.3 Benefits of Collaborations; Market Selection"),
    ("offer_finance", "partner_value", "offer.finance", "likert", B, 1,
     "Would money come with the alliance (equity, licence fees, contract revenue)?",
     "Technology-based small firms have raised much of their R&D funding through licences and arrangements with large partners (Sakai).",
     ["None", "Token amounts", "Some", "Significant", "Enough to fund our next stage"],
     "What budget would your side commit in the first year?", S, "Strategic alliances"),
    ("offer_upstream", "partner_value", "offer.upstream_support", "likert", B, 1,
     "Would the partner support your product development (R&D, testing, technical help)?",
     "Prashantham's holistic perspective: seek benefits upstream, like HMD's product development with Sun.",
     AGREE, "Which of your engineers or facilities could help develop the offering?", P, "Lesson 3: engage proactively, (v) Take a holistic perspective"),
    ("offer_downstream", "partner_value", "offer.downstream_support", "likert", B, 1,
     "Would the partner help you sell (joint promotion, events, introductions, awards)?",
     "Downstream benefits, like Skelta's joint promotion with Microsoft, bring visibility and customers.",
     AGREE, "Which events, campaigns or customer introductions could we join?", P, "Lesson 3: engage proactively, (v) Take a holistic perspective"),
    # ---- risk: partner profile -----------------------------------------------------------------------
    ("profile_size_gap", "risk", "profile.revenues", "number", W, 1,
     "How many times larger than yours are the partner's revenues?",
     "The size gap shapes the relationship: the larger it is, the more the partner's needs set the terms (Cotman's partner profile).",
     [(1, 0.0), (10, 0.3), (100, 0.6), (1000, 0.85), (10000, 1.0)],
     "What are the revenues of the unit we would work with, and of the group?", C, "3 Key Themes: Risk Profile"),
    ("profile_history", "risk", "profile.history", "likert", B, 1.5,
     "How has the partner treated small partners before?",
     "A partner's history with small firms (alliances kept, dropped or turned into acquisitions) is the best guide to relational risk.",
     ["Badly: projects dropped, partners absorbed", "Mixed", "No complaints heard", "Well, by several accounts", "Very well: long, fair partnerships"],
     "Could we speak to two of your current small partners?", C, "3 Key Themes: Risk Profile"),
    ("profile_proximity", "risk", "profile.proximity", "single", B, 1,
     "Where do the partner's decision-makers for this alliance sit?",
     "Cotman suggests geographic proximity may reduce perceived risk; distant decision-makers are harder to reach.",
     [("same_city", "In our city", 1.0), ("same_country", "In our country", 0.75), ("same_region", "In our region of the world", 0.45), ("overseas", "On another continent", 0.15)],
     "Who makes the final decision on this, and where are they based?", C, "3 Key Themes: Risk Profile; Further Research Opportunities"),
    ("profile_politics", "risk", "profile.internal_politics", "likert", W, 1.5,
     "How much could the partner's internal politics affect the alliance?",
     "Rivalries between units or between subsidiary and head office can sink a project, as can competition between subsidiaries for a mandate.",
     ["Not at all", "A little", "Somewhat", "Much", "It decides everything"],
     "Which other units inside your group have a say in, or a stake against, this project?", C, "3 Key Themes: Risk Profile"),
    ("profile_autonomy", "risk", "profile.subsidiary_autonomy", "likert", B, 1.5,
     "Does the local subsidiary have the mandate and autonomy to commit to this?",
     "Subsidiaries whose mandate covers the work, and that can decide for themselves, are steadier partners.",
     ["No mandate, head office decides", "Needs approval for everything", "Can decide within limits", "Has the mandate", "Fully autonomous on this"],
     "Does your unit's mandate cover this work, or does it need approval from head office?", P, "Lesson 1: recognise opportunities, (iv) Capability demonstration"),
    # ---- risk: the five barriers ---------------------------------------------------------------------
    ("barrier_access", "risk", "barrier.access", "likert", W, 1.5,
     "How hard is it to reach the right people inside the partner?",
     "Access barrier (Prashantham Table 2): SMEs often do not know whom to approach, or cannot get attention where decisions are made.",
     SEVERITY, "Who are the people we should know on your side, and will you introduce us?", P, "Lesson 2: overcome barriers, (i) Access; Table 2"),
    ("barrier_attention", "risk", "barrier.attention", "likert", W, 1.5,
     "How hard will it be for your firm to give the alliance enough time and attention?",
     "Attention barrier: collaboration is time-consuming and 'no one's day job'; plans made in meetings fade.",
     SEVERITY, "How often should we meet, and who on your side will keep the work moving between meetings?", P, "Lesson 2: overcome barriers, (ii) Attention; Table 2"),
    ("barrier_asymmetry", "risk", "barrier.asymmetry", "likert", W, 1.5,
     "How much do differences in size, processes and culture get in the way?",
     "Asymmetry barrier: no clear counterparts, different mindsets and different criteria for success create tension.",
     SEVERITY, "Who will be our counterpart, and how do you measure the success of a project like this?", P, "Lesson 2: overcome barriers, (iii) Asymmetry; Table 2"),
    ("barrier_acquisition", "risk", "barrier.acquisition", "likert", W, 1.5,
     "How real is the risk that the partner acquires you, or captures most of the value?",
     "Acquisition barrier: founders fear losing control of their firm to a predatory larger partner.",
     ["No risk", "Unlikely", "Possible", "Likely", "Already hinted at"],
     "How do you usually work with small firms whose technology you value: partner, license or acquire?", P, "Lesson 2: overcome barriers, (iv) Acquisition; Table 2"),
    ("barrier_autonomy", "risk", "barrier.autonomy", "likert", W, 2,
     "How likely is the partner's head office to override or stop what the local unit agrees?",
     "Autonomy barrier: directives from the parent can change the course of a collaboration, as with HMD's project with Sun.",
     ["Very unlikely", "Unlikely", "Possible", "Likely", "Very likely"],
     "What would happen to this project if your head office changed its priorities?", P, "Lesson 2: overcome barriers, (v) Autonomy; Table 2"),
    # ---- risk: power, opportunism, hold-up -----------------------------------------------------------
    ("dependence", "risk", "power.resource_dependence", "likert", W, 2,
     "How dependent on this partner would your business become?",
     "Resource dependence gives the larger partner power, and power imbalance opens the way to opportunism (NZ thesis, 2.8.1).",
     ["One partner among many", "Slightly", "Moderately", "Strongly", "Entirely"],
     "How many other small partners do you have in this area?", N, "2.8.1 Opportunistic Behaviour"),
    ("opportunism", "risk", "power.opportunism", "likert", W, 2,
     "How likely is the partner to take more than its share of the benefits?",
     "Opportunism: one partner maximises its own benefits, for example by using what it learns for its own ends (NZ thesis).",
     ["Very unlikely", "Unlikely", "Possible", "Likely", "Very likely"],
     "How would the benefits of the joint work be shared, and who owns what we develop together?", N, "2.8.1 Opportunistic Behaviour; 5.2.1 Opportunistic Behaviour"),
    ("hold_up", "risk", "power.hold_up", "likert", W, 2,
     "How likely is the partner to postpone, cancel or reopen the terms once you have invested?",
     "Hold-up: the NZ firms saw projects stopped or postponed to suit the larger partner's timing, at their own cost.",
     ["Very unlikely", "Unlikely", "Possible", "Likely", "Very likely"],
     "What would happen to our investment if your side postponed the project?", N, "2.8.2 Hold Up Behaviour; 4.4.1 Different Agendas of Parties"),
    ("hidden_costs", "risk", "power.hidden_costs", "likert", W, 1,
     "How large are the costs of working abroad that are not yet in your plan?",
     "Size and resource disadvantages make unforeseen costs (travel, compliance, adaptation, waiting) weigh heavily on a small firm.",
     ["None expected", "Small", "Noticeable", "Large", "Could sink us"],
     "Which costs on our side (certification, travel, local adaptation) do your other partners underestimate?", N, "2.5.2 Size and Resource Disadvantages"),
    ("jurisdiction", "risk", "power.foreign_jurisdiction", "yes_no", W, 1,
     "Would the contract be governed by the partner's law and courts, abroad?",
     "A foreign jurisdiction makes enforcing a contract costly for the smaller firm, adding to the partner's negotiating power.",
     None, "Which law and which courts would govern our agreement?", N, "4.4.3 Imbalance of Negotiation Power"),
    ("no_exit", "risk", "power.no_exit", "likert", B, 1.5,
     "Do you have a clear, affordable way out if the alliance goes wrong?",
     "Without an exit, a small firm cannot walk away from a relationship that has turned against it.",
     ["None", "Only at great cost", "Some way out", "A clear exit clause", "A clear exit and a backup"],
     "How could either of us end the agreement, with what notice?", N, "4.5.2 Allocation of Resources"),
    ("decisions_without_sme", "risk", "power.decisions_without_sme", "likert", W, 1.5,
     "How often will decisions that affect you be taken in meetings you do not attend?",
     "Decisions taken in the partner's internal meetings, without the SME present, were a main complaint of the NZ firms.",
     ["Never", "Rarely", "Sometimes", "Often", "Always"],
     "In which meetings are decisions about this project taken, and can we attend?", N, "4.4.3 Imbalance of Negotiation Power"),
    ("ip_loss", "risk", "power.ip_loss", "likert", W, 2,
     "How much of your core know-how or IP would you have to reveal?",
     "It is hard to foresee how much intellectual property an alliance will create or expose; what the partner learns can be used without you.",
     ["None", "A little, nothing critical", "Some important know-how", "Most of our core know-how", "All of it, including our IP"],
     "What would you need to see of our technology, and at what stage?", N, "2.8.2 Hold Up Behaviour"),
    ("negotiating_power", "risk", "power.negotiating_power", "likert", B, 1.5,
     "How much can you shape the terms of the agreement?",
     "The NZ firms felt the larger partner held the power in negotiation; legitimacy and networks raised their own.",
     ["Not at all: take it or leave it", "Very little", "Somewhat", "Much", "As an equal"],
     "Which terms of your standard agreement are open to negotiation?", N, "4.4.3 Imbalance of Negotiation Power"),
    # ---- risk: structure ------------------------------------------------------------------------------
    ("structure", "risk", "structure.form", "single", B, 1.5,
     "What form would the alliance take?",
     "The right structure (joint venture, exchange of capital, contract) can reduce the risk of unplanned collapse (Cotman). Each form protects the SME differently.",
     [("joint_venture", "Joint venture (a jointly owned company)", 0.8), ("minority_equity", "Minority equity or cross-shareholding", 0.65),
      ("licensing", "Licensing of our technology or product", 0.7), ("marketing_rights", "Marketing rights for our product", 0.5),
      ("joint_development", "Joint development project", 0.45), ("long_term_supply", "Long-term supply agreement", 0.6),
      ("distribution", "Distribution agreement (partner or trading company)", 0.5), ("corporate_venturing", "Corporate venturing or sponsored spin-off", 0.6),
      ("contract", "Contract or partner programme", 0.4), ("informal", "Informal, nothing written yet", 0.0)],
     "What kind of agreement do you usually sign with small partners?", C, "3 Key Themes: Risk Profile"),
    ("written_terms", "risk", "structure.written_terms", "likert", B, 1.5,
     "Are rights, obligations, IP ownership and exit set down in writing?",
     "Contracts with open issues invite renegotiation later, which small firms handle badly (NZ thesis, 2.8.2).",
     ["Nothing written", "A few emails", "A draft", "A signed agreement with gaps", "A complete signed agreement"],
     "Can we put the key terms, including IP and exit, in writing before work starts?", N, "2.8.2 Hold Up Behaviour"),
    # ---- risk: engagement strategies -------------------------------------------------------------------
    ("bridging", "risk", "strategy.bridging_mechanisms", "likert", B, 1,
     "Is a third party or joint initiative helping to bridge the two firms?",
     "Bridging mechanisms (a trade agency, a partner programme, a cluster body like STAC) make access easier and commitments firmer.",
     ["None", "We know of one", "Some contact", "Actively involved", "Brokering the alliance"],
     "Is there a programme or intermediary through which you prefer to work with small firms?", P, "Lesson 3: engage proactively, (i) Use bridging mechanisms"),
    ("modular_transfer", "risk", "strategy.modular_knowledge_transfer", "likert", B, 1.5,
     "Is the knowledge you share split into steps, each worth something if the project stops?",
     "Modular knowledge transfer keeps a benefit for the SME even if the project is cancelled.",
     AGREE, "Could we plan the work in stages, each with its own deliverable?", P, "Lesson 3: engage proactively, (ii) Modularise knowledge transfer"),
    ("boundary_spanning", "risk", "strategy.networking_across_boundaries", "likert", B, 1.5,
     "Do you have contacts in the partner beyond the local unit (other subsidiaries, head office)?",
     "The most successful SMEs built links with people who span boundaries inside the MNC, as Skelta did from Bangalore to Seattle.",
     ["None", "One", "A few", "Several", "At regional and global level"],
     "Who in your regional or global organisation should know about this project?", P, "Lesson 3: engage proactively, (iii) Network across boundaries"),
    ("mou", "risk", "strategy.written_commitment", "yes_no", B, 1.5,
     "Is there a written commitment, such as a memorandum of understanding?",
     "A written commitment keeps a subsidiary engaged even when pressure from head office grows.",
     None, "Would you sign a memorandum of understanding on the first step?", P, "Lesson 3: engage proactively, (iv) Get commitment (preferably on paper)"),
    ("holistic", "risk", "strategy.holistic_perspective", "likert", B, 1,
     "Are you seeking benefits both upstream (R&D) and downstream (sales) from this relationship?",
     "A holistic perspective gets more from one relationship, and makes the benefits more sustainable.",
     ["Neither clearly", "One side only, vaguely", "One side clearly", "Both, one clearly", "Both, clearly"],
     "Besides selling together, could we also work together on development (or the reverse)?", P, "Lesson 3: engage proactively, (v) Take a holistic perspective"),
    # ---- risk: countermeasures ---------------------------------------------------------------------------
    ("clarified_agendas", "risk", "countermeasure.clarified_agendas", "likert", B, 1.5,
     "Have both sides stated their goals, expected benefits and risks?",
     "All the NZ firms clarified agendas at the start and revisited them as the work went on.",
     ["Not at all", "Informally", "Partly", "Largely, in writing", "Fully, and reviewed regularly"],
     "What does success look like for you in a year, and what would make you stop?", N, "4.5.1 Clarifying Agendas"),
    ("dedicated_owner", "risk", "countermeasure.dedicated_owner", "yes_no", B, 1.5,
     "Is there a named person or team in your firm whose job is to run this alliance?",
     "Allocating dedicated resources keeps the alliance from depending on spare time.",
     None, "Who will be our day-to-day contact on your side?", N, "4.5.2 Allocation of Resources"),
    ("networks_legitimacy", "risk", "countermeasure.networks_for_legitimacy", "likert", B, 1,
     "Are you using industry contacts, associations and referrals to strengthen your position?",
     "Maximising networks gave the NZ firms legitimacy, and legitimacy gave them negotiating power.",
     AGREE, "Which of your existing partners or industry bodies could vouch for us?", N, "4.5.3 Maximising Networks"),
    ("field_operations", "risk", "countermeasure.field_operations", "likert", B, 1,
     "Do you have relationships with the partner's field staff (sales, distribution), not only head office?",
     "Field operations staff are the ones who sell; relationships with them make the alliance work in practice.",
     ["None", "We know their names", "Occasional contact", "Regular contact", "Close working relationships"],
     "Could we meet the sales people who would carry our offering?", N, "4.5.4 Understanding Field Operations"),
    ("face_to_face", "risk", "countermeasure.face_to_face", "likert", B, 1,
     "How much face-to-face and informal contact do you have with the partner's people?",
     "Face-to-face and informal relationships built trust that formal channels did not.",
     ["None", "Once", "Occasionally", "Regularly", "Frequently, and friendships"],
     "When can we meet in person, and who should be there?", N, "4.3.2 Importance of Face to Face Contact in Collaboration Initiation"),
    ("backup_plan", "risk", "countermeasure.backup_plan", "likert", B, 1.5,
     "Do you have a plan to keep business running if the alliance is postponed or fails?",
     "A backup plan keeps business as usual when a collaboration stalls.",
     ["None", "An idea", "A rough plan", "A plan", "A plan with resources set aside"],
     "How much notice would you give us if priorities changed?", N, "4.5.2 Allocation of Resources"),
    ("partner_research", "risk", "countermeasure.partner_research", "likert", B, 1,
     "How thoroughly have you researched the partner?",
     "The NZ firms researched future collaborators: reputation, past alliances, what others say.",
     ["Not at all", "A web search", "Some research", "Thorough research", "Thorough research and references"],
     "Who else has worked with you that we could talk to?", N, "4.3.1 Researching the future collaborator"),
    # ---- risk: networking ----------------------------------------------------------------------------------
    ("network_endowment", "risk", "networking.endowment", "likert", B, 1,
     "How strong and wide are your firm's network relationships?",
     "Network endowment, one axis of Prashantham's networking types (Table 3).",
     ["Very weak", "Weak", "Average", "Strong", "Very strong"],
     "Which of your networks (clusters, programmes, associations) are you part of?", P, "Table 3: SME networking types"),
    ("network_leverage", "risk", "networking.leverage", "likert", B, 1,
     "How actively does your firm use those relationships, for example to engage a local subsidiary?",
     "Network leverage, the other axis of Table 3: effective networkers have strong networks and use them.",
     ["Not at all", "Rarely", "Sometimes", "Often", "Systematically"],
     "Who in your organisation looks after relationships with local firms?", P, "Table 3: SME networking types"),
]


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def render() -> str:
    out = ['''# The full assessment, for due diligence before signing.
# Generated from tools/make_full_instrument.py: edit the table there and re-run it.
# Every element of the model in DESIGN.md has at least one item; each item cites its source.

[instrument]
name = "full"
version = "1.0"
title = "Full alliance assessment"
description = "Due diligence before signing: market needs, what each side brings the other (the five MNC motives, the SME's assets, what the MNC offers), the partner's profile, the five barriers, power and opportunism, the alliance structure, and the engagement strategies and countermeasures in place. Record evidence for each answer; unknowns become the questions to settle before you sign."
minutes = 25
''']
    for row in ITEMS:
        ident, factor, dimension, kind, direction, weight, question, help_text, scale, ask, seed, section, *gate = row
        lines = ["[[items]]", f'id = "full.{ident}"', f'factor = "{factor}"', f'dimension = "{dimension}"']
        if gate:
            lines.append("gate = true")
        lines += [f"weight = {weight}", f'kind = "{kind}"', f'direction = "{direction}"',
                  f"question = {q(question)}", f"help = {q(help_text)}"]
        if kind == "likert":
            lines.append("labels = [" + ", ".join(q(label) for label in scale) + "]")
        elif kind == "single":
            lines.append("options = [")
            lines += [f"  {{ value = {q(v)}, label = {q(label)}, level = {level} }}," for v, label, level in scale]
            lines.append("]")
        elif kind == "number":
            lines.append("scale = [" + ", ".join(f"[{at}, {level}]" for at, level in scale) + "]")
            lines.append('unit = "× our revenues"')
        lines += [f"ask_partner = {q(ask)}", f'source = {{ seed = "{seed}", section = {q(section)} }}', ""]
        out.append("\n".join(lines))
    return "\n".join(out)


if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "src/dancecard/core/data/instruments/full-1.0.toml"
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {len(ITEMS)} items to {target.name}")
