"""Writes src/dancecard/core/data/instruments/full-2.0.toml from the table below.

The instrument is data; this script only keeps 58 items consistent in format.
Run it after editing the table, and commit both. full-1.0.toml is released and is
never regenerated: tools/make_full_instrument.py is kept only as its record.
"""

import json
import textwrap
from pathlib import Path

C, P, N, S = "001_eb76e04c043b9737.txt", "000_587ecadf5e23e0b4.txt", "004_37010681c2ba077a.txt", "003_92878a939c5b0d66.txt"
G = "002_5cf01f8e7b090b5b.txt"
B, W = "higher_is_better", "higher_is_worse"
AGREE = ["Not at all", "A little", "Partly", "Largely", "Fully"]
SEVERITY = ["Not a problem", "A minor problem", "A real problem", "A serious problem", "A blocking problem"]
LIKELY = ["Very unlikely", "Unlikely", "Possible", "Likely", "Very likely"]

# The factor follows from the dimension's vocabulary group.
FACTOR = {"market": "market", "motive": "partner_value", "asset": "partner_value", "offer": "partner_value"}

# The same partial scale as quick.written_commitment_stage, so both instruments read alike.
COMMITMENT = [
    ("none", "Not discussed yet", 0.0),
    ("discussed", "Discussed: the partner is open to it", 0.25),
    ("draft", "A draft has been exchanged", 0.5),
    ("signed_by_some", "Signed by some of the parties (a consortium, not yet all)", 0.75),
    ("signed", "Signed by all parties", 1.0),
]


def item(ident, dimension, kind, direction, weight, question, help_text, scale, *, seed, section,
         ask="", check="", gate=False, pool=None, note=""):
    """One row. `ask` is a question for the partner, `check` a check inside the SME: exactly one.
    `scale` is the likert labels, the choice options (value, label, level) or the number scale
    (at, level). `note` becomes a comment above the item in the TOML."""
    assert bool(ask) != bool(check), ident
    return dict(ident=ident, dimension=dimension, kind=kind, direction=direction, weight=weight,
                question=question, help=help_text, scale=scale, seed=seed, section=section,
                ask=ask, check=check, gate=gate, pool=pool, note=note)


POOL_NOTE = "One of the five MNC motives, pooled: the pool counts once, by its strongest answer."

ITEMS = [
    # ---- market needs ----------------------------------------------------------------------------
    item("customer_need", "market.customer_need", "likert", B, 3,
         "Is there a named group of customers with a need the joint offering would meet?",
         "Cotman found that an alliance with no clear market need has no value. Name the customers and the problem they have today.",
         ["No customer in mind", "A vague idea of a market", "A market, but no clear need", "A clear need in a named market", "Named customers who have asked for it"],
         ask="Which of your customers, or which market, needs what we could offer together?",
         seed=C, section="3 Key Themes: Market Orientation", gate=True),
    item("market_evidence", "market.customer_need", "likert", B, 2,
         "How well is that need evidenced?",
         "Evidence of need ranges from a hunch to paying customers. The more evidence, the less the alliance rests on hope.",
         ["A hunch", "Anecdotes", "Conversations with prospects", "Letters of intent or pilots", "Paying customers waiting"],
         check="List the customers who have confirmed the need, and how: a conversation, a letter of intent, a pilot or an order.",
         seed=C, section="3 Key Themes: Market Orientation",
         note="In-house in 2.0: the evidence is the SME's own record of what customers have said and done."),
    item("unique_offering", "market.unique_offering", "likert", B, 2,
         "Would the two firms together offer something no one else can?",
         "The value of an asymmetric alliance lies in a joint offering neither side, nor a competitor, can provide alone.",
         ["Others already offer it", "Slightly better than what exists", "Better in a few ways", "Clearly better than what exists", "Unique: no one else can offer it"],
         ask="What would our joint offering do that your current partners' solutions do not?",
         seed=C, section="3 Key Themes: Market Orientation"),
    item("route_to_market", "market.route_to_market", "single", B, 2,
         "How will the joint offering reach the customers?",
         "Cotman's alliances were market-oriented: aimed at distribution, or at new joint solutions for clients.",
         [("unclear", "Not clear yet", 0.0), ("sme_alone", "We would still sell it alone", 0.35), ("joint_promotion", "Joint promotion and referrals", 0.7), ("partner_channel", "Through the partner's sales and distribution", 1.0)],
         ask="Who on your side would sell this, and through which channel?",
         seed=C, section="3 Key Themes: Market Orientation"),
    item("shared_view", "market.shared_view", "likert", B, 1.5,
         "Does the partner describe the target market and its need the way you do?",
         "Different agendas are a main source of tension between small and large partners; a shared view of the market is the first agenda to align.",
         ["Not at all", "Hardly", "Partly", "Largely", "Exactly"],
         ask="How would you describe the customer and the problem we are solving together?",
         seed=N, section="4.4.1 Different Agendas of Parties"),
    item("international_reach", "market.international_reach", "likert", B, 1.5,
         "How far would the alliance take you beyond your home market?",
         "Hi-tech SMEs often find their home market too small; an alliance is worth more when it opens markets abroad.",
         ["Not at all", "One nearby market", "A few foreign markets", "A region", "Global reach"],
         ask="In which countries would the joint offering be sold in the first two years?",
         seed=C, section="Summary"),
    # ---- partner value: what the SME is worth to the MNC (the five motives, pooled) ---------------
    item("motive_citizenship", "motive.corporate_citizenship", "likert", B, 2,
         "Would working with you help the partner be seen as a good corporate citizen locally?",
         "MNC subsidiaries want to show a responsible contribution to the local economy; supporting local SMEs is one way (Prashantham Table 1). Only the strongest of the five motives counts: one credible motive is enough to appeal to.",
         AGREE, ask="Does your unit run programmes to support local firms, and could we be part of one?",
         seed=P, section="Lesson 1: recognise opportunities, (i) Corporate citizenship; Table 1", pool="motive",
         note=POOL_NOTE + " All five weigh 2, so the pool weighs the same whichever motive is strongest."),
    item("motive_evangelisation", "motive.technology_evangelisation", "likert", B, 2,
         "Would you adopt or promote the partner's technology platform?",
         "MNCs gain when small firms build on their platforms: the SME becomes an adopter and a showcase (Prashantham Table 1). Only the strongest of the five motives counts.",
         AGREE, ask="What would you expect from us as a user of your platform?",
         seed=P, section="Lesson 1: recognise opportunities, (ii) Technology evangelisation; Table 1", pool="motive"),
    item("motive_absorption", "motive.technology_absorption", "likert", B, 2,
         "Does the partner want to take in your innovation for its own products or services?",
         "MNCs cannot innovate alone and look for new ideas from small firms; this motive makes you valuable, and also exposed (see the acquisition and IP questions). Only the strongest of the five motives counts.",
         AGREE, ask="Which of your product lines would our technology feed into?",
         seed=P, section="Lesson 1: recognise opportunities, (iii) Technology absorption; Table 1", pool="motive"),
    item("motive_capability", "motive.capability_demonstration", "likert", B, 2,
         "Would a success with you help the local unit win a bigger mandate from its head office?",
         "Subsidiaries use local projects to show their parent what they can do, as Sun's Scottish unit did with RFID. Only the strongest of the five motives counts.",
         AGREE, ask="What would a success with us mean for your unit's standing with head office?",
         seed=P, section="Lesson 1: recognise opportunities, (iv) Capability demonstration; Table 1", pool="motive"),
    item("motive_spin_off_support", "motive.spin_off_support", "single", B, 2,
         "Did your firm come out of the partner, and does the partner back it as a spin-off?",
         "MNC subsidiaries sometimes incubate a venture and then sponsor it: Motorola acted as corporate sponsor of Mitoken, with a senior executive on its board, and its first big contract came from Motorola. Having come out of the partner counts most when the partner still backs you. Only the strongest of the five motives counts.",
         [("no", "No, we did not come out of the partner", 0.0), ("founders_only", "Our founders came from the partner, with no formal link", 0.35),
          ("spun_off", "Spun off from the partner, with its agreement", 0.65), ("sponsored", "Spun off and sponsored by the partner (a mentor, a board seat, first contracts)", 1.0)],
         check="Check how your firm came out of the partner, and what backing (a mentor, a board seat, contracts) the partner gives today.",
         seed=P, section="Lesson 1: recognise opportunities, (v) Spin-off support; Table 1", pool="motive",
         note="Pooled with the other motives. New id (was full.motive_spin_off, yes/no): a scale from no link to a sponsored spin-off. In-house: the SME knows its own origin."),
    # ---- partner value: what the SME is worth to the MNC (assets) ---------------------------------
    item("asset_niche", "asset.niche_products", "likert", B, 1,
         "Do you have niche products the partner does not make itself?",
         "Large firms outsource non-core lines; small firms with niche products become specialised suppliers (Sakai).",
         AGREE, ask="Which parts of this offering would you rather buy than build?",
         seed=S, section="Specialised suppliers"),
    item("asset_technology", "asset.technology_ip", "likert", B, 2,
         "Is your technology or intellectual property ahead of what the partner has?",
         "Leading-edge technology and IP are why large firms call small ones into joint development, often through licences (Sakai).",
         ["Behind theirs", "On a par", "Slightly ahead", "Clearly ahead", "Years ahead and protected"],
         ask="How does our technology compare with what your own teams are building?",
         seed=S, section="Strategic alliances"),
    item("asset_local_knowledge", "asset.local_market_knowledge", "likert", B, 1,
         "Does your knowledge of your local market or customers matter to the partner?",
         "Foreign firms partner with local small firms to use their customer base and market knowledge (Sakai).",
         AGREE, ask="How well do you know the customers in our market today?",
         seed=S, section="Strategic alliances"),
    item("asset_qcd", "asset.qcd_capability", "likert", B, 1,
         "Can you meet the partner's standards of quality, cost and delivery?",
         "Large MNEs look for small suppliers who can meet rigid guidelines on quality, cost and delivery; one failing supplier can hurt the buyer's reputation, so falling short ends the relationship (Sakai).",
         ["Not at all", "With great effort", "Mostly", "Yes", "Yes, with a track record"],
         check="Set your own quality, cost and delivery record against the partner's supplier requirements (ask for them in writing if you do not have them).",
         seed=S, section="Specialised suppliers",
         note="In-house in 2.0: the capability is the SME's own; only the requirements come from the partner."),
    item("asset_expertise", "asset.specialised_expertise", "likert", B, 1,
         "Does your expertise save the partner R&D cost or time to market?",
         "Partnering with small firms lets large firms economise on R&D and shorten lead times (Sakai).",
         AGREE, ask="How long would it take your teams to build this expertise?",
         seed=S, section="Strategic alliances"),
    # ---- partner value: what the MNC is worth to the SME -------------------------------------------
    item("offer_distribution", "offer.distribution", "likert", B, 2,
         "Would the partner open its distribution channels and sales force to you?",
         "Access to broader distribution and sales forces is a main reason SMEs ally with larger firms (Sakai).",
         ["No", "In principle only", "Some channels", "Most relevant channels", "Fully, with sales targets"],
         ask="Which sales teams and channels would carry our offering, with what targets?",
         seed=S, section="Strategic alliances"),
    item("offer_brand", "offer.brand_legitimacy", "likert", B, 1.5,
         "Would the association with the partner's brand add to your credibility?",
         "Working with a well-known firm gives a young SME legitimacy in foreign markets (NZ thesis, 4.2.1).",
         ["Not at all", "A little", "Somewhat", "Much", "It would transform our credibility"],
         ask="Could we say publicly that we work with you, and how?",
         seed=N, section="4.2.1 Gaining Legitimacy"),
    item("offer_platform", "offer.technology_platform", "likert", B, 1,
         "Would you gain access to the partner's technology, tools or technical support?",
         "Large partners offer rapid access to technology platforms (Born to Go Global), as in software partner programmes.",
         AGREE, ask="What technical support and tools come with working with you?",
         seed=G, section="Born to Go Global"),
    item("offer_market_knowledge", "offer.market_knowledge", "likert", B, 1,
         "Would the partner share its knowledge of foreign markets?",
         "SMEs lack knowledge of foreign markets; partners who share it speed up market selection (NZ thesis, 2.6.3).",
         AGREE, ask="What do you know about the markets we want to enter that we could learn from?",
         seed=N, section="2.6.3 Benefits of Collaborations; Market Selection"),
    item("offer_finance", "offer.finance", "likert", B, 1,
         "Would money come with the alliance (equity, licence fees, contract revenue)?",
         "Technology-based small firms have raised much of their R&D funding through licences and arrangements with large partners (Sakai).",
         ["None", "Token amounts", "Some", "Significant", "Enough to fund our next stage"],
         ask="What budget would your side commit in the first year?",
         seed=S, section="Strategic alliances"),
    item("offer_upstream", "offer.upstream_support", "likert", B, 1,
         "Would the partner support your product development (R&D, testing, technical help)?",
         "Prashantham's holistic perspective: seek benefits upstream, like HMD's product development with Sun.",
         AGREE, ask="Which of your engineers or facilities could help develop the offering?",
         seed=P, section="Lesson 3: engage proactively, (v) Take a holistic perspective"),
    item("offer_downstream", "offer.downstream_support", "likert", B, 1,
         "Would the partner help you sell (joint promotion, events, introductions, awards)?",
         "Downstream benefits, like Skelta's joint promotion with Microsoft, bring visibility and customers.",
         AGREE, ask="Which events, campaigns or customer introductions could we join?",
         seed=P, section="Lesson 3: engage proactively, (v) Take a holistic perspective"),
    # ---- risk, exposure: partner profile -------------------------------------------------------------
    item("profile_size_gap", "profile.revenues", "number", W, 1,
         "How many times larger than yours are the partner's revenues?",
         "The size gap shapes the relationship: the larger it is, the more the partner's needs set the terms (Cotman's partner profile).",
         [(1, 0.0), (10, 0.3), (100, 0.6), (1000, 0.85), (10000, 1.0)],
         ask="What are the revenues of the unit we would work with, and of the group?",
         seed=C, section="3 Key Themes: Risk Profile"),
    item("profile_history", "profile.history", "likert", B, 1.5,
         "How has the partner treated small partners before?",
         "A partner's history with small firms (alliances kept, dropped or turned into acquisitions) is the best guide to relational risk.",
         ["Badly: projects dropped, partners absorbed", "Mixed", "No complaints heard", "Well, by several accounts", "Very well: long, fair partnerships"],
         ask="Could we speak to two of your current small partners?",
         seed=C, section="3 Key Themes: Risk Profile"),
    item("profile_proximity", "profile.proximity", "single", B, 1,
         "Where do the partner's decision-makers for this alliance sit?",
         "Cotman suggests geographic proximity may reduce perceived risk; distant decision-makers are harder to reach.",
         [("same_city", "In our city", 1.0), ("same_country", "In our country", 0.75), ("same_region", "In our region of the world", 0.45), ("overseas", "On another continent", 0.15)],
         ask="Who makes the final decision on this, and where are they based?",
         seed=C, section="3 Key Themes: Risk Profile; Further Research Opportunities"),
    item("profile_politics", "profile.internal_politics", "likert", W, 1.5,
         "How much could the partner's internal politics affect the alliance?",
         "Rivalries between units or between subsidiary and head office can sink a project, as can competition between subsidiaries for a mandate.",
         ["Not at all", "A little", "Somewhat", "Much", "It decides everything"],
         ask="Which other units inside your group have a say in, or a stake against, this project?",
         seed=C, section="3 Key Themes: Risk Profile"),
    item("profile_autonomy", "profile.subsidiary_autonomy", "likert", B, 1.5,
         "Does the local subsidiary have the mandate and autonomy to commit to this?",
         "Subsidiaries whose mandate covers the work, and that can decide for themselves, are steadier partners.",
         ["No mandate, head office decides", "Needs approval for everything", "Can decide within limits", "Has the mandate", "Fully autonomous on this"],
         ask="Does your unit's mandate cover this work, or does it need approval from head office?",
         seed=P, section="Lesson 1: recognise opportunities, (iv) Capability demonstration"),
    # ---- risk, exposure: the five barriers -----------------------------------------------------------
    item("barrier_access", "barrier.access", "likert", W, 1.5,
         "How hard is it to reach the right people inside the partner?",
         "Access barrier (Prashantham Table 2): SMEs often do not know whom to approach, or cannot get attention where decisions are made.",
         SEVERITY, ask="Who are the people we should know on your side, and will you introduce us?",
         seed=P, section="Lesson 2: overcome barriers, (i) Access; Table 2"),
    item("barrier_attention", "barrier.attention", "likert", W, 1.5,
         "How hard will it be for your firm to give the alliance enough time and attention?",
         "Attention barrier: collaboration is time-consuming and 'no one's day job'; plans made in meetings fade before the next one.",
         SEVERITY, check="Estimate the time the alliance needs each month, and who in your firm will give it between meetings.",
         seed=P, section="Lesson 2: overcome barriers, (ii) Attention; Table 2",
         note="In-house in 2.0: the attention in question is the SME's own (1.0 asked the partner how often to meet)."),
    item("barrier_asymmetry", "barrier.asymmetry", "likert", W, 1.5,
         "How much do differences in size, processes and culture get in the way?",
         "Asymmetry barrier: no clear counterparts, different mindsets and different criteria for success create tension.",
         SEVERITY, ask="Who will be our counterpart, and how do you measure the success of a project like this?",
         seed=P, section="Lesson 2: overcome barriers, (iii) Asymmetry; Table 2"),
    item("barrier_acquisition", "barrier.acquisition", "likert", W, 2,
         "How real is the risk that the partner acquires you, or captures most of the value?",
         "Acquisition barrier: founders fear being bought by a predatory larger firm and losing control; behind it is the sense that the big partner will take the lion's share of the value. Some MNCs make clear they work with small firms only in complementary, non-competing areas. If a sale would be welcome to you, answer for an unwanted takeover or an unfair split.",
         ["No risk", "Unlikely", "Possible", "Likely", "Already hinted at"],
         ask="How do you usually work with small firms whose technology you value: partner, license or acquire?",
         seed=P, section="Lesson 2: overcome barriers, (iv) Acquisition; Table 2"),
    item("barrier_autonomy", "barrier.autonomy", "likert", W, 2,
         "How likely is the partner's head office to override or stop what the local unit agrees?",
         "Autonomy barrier: directives from the parent can change the course of a collaboration, as with HMD's project with Sun; 'the plug may be pulled at any time'.",
         LIKELY, ask="What would happen to this project if your head office changed its priorities?",
         seed=P, section="Lesson 2: overcome barriers, (v) Autonomy; Table 2"),
    # ---- risk, exposure: power, opportunism, hold-up -------------------------------------------------
    item("dependence", "power.resource_dependence", "likert", W, 2.5,
         "How dependent on this partner would your business become?",
         "Resource dependence gives the larger partner power, and power imbalance opens the way to opportunism and hold-up (NZ thesis, 2.8.1 and 5.2.1).",
         ["One partner among many", "Slightly", "Moderately", "Strongly", "Entirely"],
         check="Work out what share of your revenue, pipeline and plans would rest on this partner, and whether anyone else could take its place.",
         seed=N, section="2.8.1 Opportunistic Behaviour; 5.2.1 Opportunistic Behaviour",
         note="In-house in 2.0: only the SME knows how much of its business would hang on the partner."),
    item("opportunism", "power.opportunism", "likert", W, 2.5,
         "How likely is the partner to take more than its share of the benefits?",
         "Opportunism: one partner takes most of what the alliance produces for itself, for example by using what it learns; the thesis calls it the main reason alliances with larger partners fail.",
         LIKELY, ask="How would the benefits of the joint work be shared, and who owns what we develop together?",
         seed=N, section="2.8.1 Opportunistic Behaviour; 5.2.1 Opportunistic Behaviour"),
    item("hold_up", "power.hold_up", "likert", W, 2.5,
         "How likely is the partner to postpone, cancel or reopen the terms once you have invested?",
         "Hold-up: the NZ firms saw projects stopped or postponed to suit the larger partner's timing, at their own cost.",
         LIKELY, ask="What would happen to our investment if your side postponed the project?",
         seed=N, section="2.8.2 Hold Up Behaviour; 4.4.1 Different Agendas of Parties"),
    item("hidden_costs", "power.hidden_costs", "likert", W, 1,
         "How large are the costs of working abroad that are not yet in your plan?",
         "When the work is done in the partner's country, its taxes, fees, laws and exchange rate bring costs no one expected at the start of the deal, and a small firm feels them most.",
         ["None expected", "Small", "Noticeable", "Large", "Could sink us"],
         check="Add to your plan the costs of working in the partner's country: travel, certification, local adaptation, taxes and fees, legal advice and waiting time.",
         seed=N, section="2.5.2 Size and Resource Disadvantages; 4.4.2 Challenges in Monitoring International Market Conditions",
         note="In-house in 2.0: the plan is the SME's own. Source now also cites 4.4.2, where the unexpected costs are described."),
    item("governing_law", "power.foreign_jurisdiction", "single", W, 1,
         "Under whose law, and before which courts, would disputes be settled?",
         "Deals with a larger partner usually run under its laws, taxes and courts; one NZ founder said a dispute defended abroad is lost before it starts, so costly is it for a small firm. A neutral law, arbitration or your own courts lower the exposure.",
         [("our_law", "Our own law and courts", 0.0), ("neutral", "A neutral law, or international arbitration", 0.4),
          ("partner_law_near", "The partner's law, but disputes settled by arbitration or in our country", 0.6),
          ("partner_courts_abroad", "The partner's law and courts, abroad", 1.0)],
         ask="Which law and which courts would govern our agreement?",
         seed=N, section="4.4.2 Challenges in Monitoring International Market Conditions; 5.2.2 Hold Up Behaviour",
         note="New id (was full.jurisdiction, yes/no): law and forum are not binary; a neutral law or arbitration is part of the way. Source moved from 4.4.3 to 4.4.2, where the thesis discusses it."),
    item("no_exit", "power.no_exit", "likert", B, 2,
         "Do you have a clear, affordable way out if the alliance goes wrong?",
         "A small firm that keeps investing because it has no other option cannot walk away from a relationship that has turned against it, and has no say in avoiding the consequences.",
         ["None", "Only at great cost", "Some way out", "A clear exit clause", "A clear exit, with notice and who keeps what agreed"],
         ask="How could either of us end the agreement, with what notice, and who keeps what?",
         seed=N, section="2.8.1 Opportunistic Behaviour; 5.2.2 Hold Up Behaviour",
         note="Top label no longer mentions a backup plan, which is its own item (full.backup_plan). Source moved from 4.5.2 to where the thesis describes having no option and no say."),
    item("decisions_without_sme", "power.decisions_without_sme", "likert", W, 1.5,
         "How often will decisions that affect you be taken in meetings you do not attend?",
         "Decisions taken in the partner's internal meetings, without the SME present, were a main complaint of the NZ firms.",
         ["Never", "Rarely", "Sometimes", "Often", "Always"],
         ask="In which meetings are decisions about this project taken, and can we attend?",
         seed=N, section="4.4.3 Imbalance of Negotiation Power"),
    item("ip_loss", "power.ip_loss", "likert", W, 2.5,
         "How much of your core know-how or IP would you have to reveal?",
         "Working with a larger partner can cost a small firm its technological competence; it is hard to foresee how much intellectual property an alliance will create or expose, and what the partner learns can be used without you.",
         ["None", "A little, nothing critical", "Some important know-how", "Most of our core know-how", "All of it, including our IP"],
         ask="What would you need to see of our technology, and at what stage?",
         seed=N, section="2.8 The Management of Unbalanced Collaborative Relationships; 2.8.2 Hold Up Behaviour"),
    item("negotiating_power", "power.negotiating_power", "likert", B, 1.5,
         "How much can you shape the terms of the agreement?",
         "The NZ firms felt the larger partner held the power in negotiation; legitimacy and networks raised their own.",
         ["Not at all: take it or leave it", "Very little", "Somewhat", "Much", "As an equal"],
         ask="Which terms of your standard agreement are open to negotiation?",
         seed=N, section="4.4.3 Imbalance of Negotiation Power"),
    # ---- risk, safeguards: structure ------------------------------------------------------------------
    item("structure", "structure.form", "single", B, 1.5,
         "What form would the alliance take?",
         "The right structure (joint venture, exchange of capital, contract) can reduce the risk of unplanned collapse (Cotman). Each form protects the SME differently.",
         [("joint_venture", "Joint venture (a jointly owned company)", 0.8), ("minority_equity", "Minority equity or cross-shareholding", 0.65),
          ("licensing", "Licensing of our technology or product", 0.7), ("marketing_rights", "Marketing rights for our product", 0.5),
          ("joint_development", "Joint development project", 0.45), ("long_term_supply", "Long-term supply agreement", 0.6),
          ("distribution", "Distribution agreement (partner or trading company)", 0.5), ("corporate_venturing", "Corporate venturing or sponsored spin-off", 0.6),
          ("contract", "Contract or partner programme", 0.4), ("informal", "Informal, nothing written yet", 0.0)],
         ask="What kind of agreement do you usually sign with small partners?",
         seed=C, section="3 Key Themes: Risk Profile"),
    item("written_terms", "structure.written_terms", "likert", B, 1.5,
         "Are rights, obligations, IP ownership and exit set down in writing?",
         "Contracts with open issues invite renegotiation later, which small firms handle badly (NZ thesis, 2.8.2).",
         ["Nothing written", "A few emails", "A draft", "A signed agreement with gaps", "A complete signed agreement"],
         ask="Can we put the key terms, including IP and exit, in writing before work starts?",
         seed=N, section="2.8.2 Hold Up Behaviour"),
    # ---- risk, safeguards: engagement strategies ---------------------------------------------------------
    item("bridging", "strategy.bridging_mechanisms", "likert", B, 1,
         "Is a third party or joint initiative helping to bridge the two firms?",
         "Bridging mechanisms (a trade agency, a partner programme, a cluster body like STAC) make access easier and commitments firmer.",
         ["None", "We know of one", "Some contact", "Actively involved", "Brokering the alliance"],
         ask="Is there a programme or intermediary through which you prefer to work with small firms?",
         seed=P, section="Lesson 3: engage proactively, (i) Use bridging mechanisms"),
    item("modular_transfer", "strategy.modular_knowledge_transfer", "likert", B, 1.5,
         "Is the knowledge you share split into steps, each worth something if the project stops?",
         "Modular knowledge transfer keeps a benefit for the SME even if the project is cancelled, as HMD kept a working prototype when Sun's head office ended their project.",
         AGREE, ask="Could we plan the work in stages, each with its own deliverable?",
         seed=P, section="Lesson 3: engage proactively, (ii) Modularise knowledge transfer"),
    item("boundary_spanning", "strategy.networking_across_boundaries", "likert", B, 1.5,
         "Do you have contacts in the partner beyond the local unit (other subsidiaries, head office)?",
         "The most successful SMEs built links with people who span boundaries inside the MNC, as Skelta did from Bangalore to Seattle.",
         ["None", "One", "A few", "Several", "At regional and global level"],
         check="List who in your team knows whom in the partner beyond the local unit; if no one, ask your contact for introductions at regional or global level.",
         seed=P, section="Lesson 3: engage proactively, (iii) Network across boundaries",
         note="In-house in 2.0: only the SME can say whom its own people know inside the partner."),
    item("written_commitment_stage", "strategy.written_commitment", "single", B, 1.5,
         "How far has a written commitment, such as a memorandum of understanding, got?",
         "A written commitment keeps a subsidiary engaged even when pressure from head office grows: a unit that signed does not want to lose face locally. In a consortium every party should sign; an intermediary such as STAC can help broker it.",
         COMMITMENT, ask="Would you sign a memorandum of understanding on the first step?",
         seed=P, section="Lesson 3: engage proactively, (iv) Get commitment (preferably on paper)",
         note="New id (was full.mou, yes/no): the same partial scale as quick.written_commitment_stage."),
    item("holistic", "strategy.holistic_perspective", "likert", B, 1,
         "Are you seeking benefits both upstream (R&D) and downstream (sales) from this relationship?",
         "A holistic perspective gets more from one relationship, and makes the benefits more sustainable.",
         ["Neither clearly", "One side only, vaguely", "One side clearly", "Both, one clearly", "Both, clearly"],
         ask="Besides selling together, could we also work together on development (or the reverse)?",
         seed=P, section="Lesson 3: engage proactively, (v) Take a holistic perspective"),
    # ---- risk, safeguards: countermeasures -------------------------------------------------------------
    item("clarified_agendas", "countermeasure.clarified_agendas", "likert", B, 1.5,
         "Have both sides stated their goals, expected benefits and risks?",
         "All the NZ firms clarified agendas at the start and revisited them as the work went on.",
         ["Not at all", "Informally", "Partly", "Largely, in writing", "Fully, and reviewed regularly"],
         ask="What does success look like for you in a year, and what would make you stop?",
         seed=N, section="4.5.1 Clarifying Agendas"),
    item("alliance_owner", "countermeasure.dedicated_owner", "single", B, 1.5,
         "Who in your firm runs this alliance, and with how much time for it?",
         "The NZ firms learned to put one person or team solely in charge of their collaborations, with others looking after day-to-day business, so that neither is neglected when things get tough.",
         [("no_one", "No one in particular", 0.0), ("spare_time", "Someone, when other work allows (often the founder, on top of everything else)", 0.3),
          ("part_time", "A named person with some time set aside for it", 0.65),
          ("owner", "A named owner (or team) with time for it, while others run day-to-day business", 1.0)],
         check="Name one person who owns this alliance and give them time for it.",
         seed=N, section="4.5.2 Allocation of Resources",
         note="New id (was full.dedicated_owner, yes/no): a scale from no one to a named owner with time. In-house: 1.0 asked the partner for its own contact."),
    item("networks_legitimacy", "countermeasure.networks_for_legitimacy", "likert", B, 1,
         "Are you using industry contacts, associations and referrals to strengthen your position?",
         "Maximising networks gave the NZ firms legitimacy, and legitimacy gave them negotiating power.",
         AGREE, check="List the customers, partners and industry bodies that could vouch for you with this partner, and ask one of them to.",
         seed=N, section="4.5.3 Maximising Networks",
         note="In-house in 2.0: the networks are the SME's own."),
    item("field_operations", "countermeasure.field_operations", "likert", B, 1,
         "Do you have relationships with the partner's field staff (sales, distribution), not only head office?",
         "Field operations staff are the ones who sell; relationships with them make the alliance work in practice.",
         ["None", "We know their names", "Occasional contact", "Regular contact", "Close working relationships"],
         check="List the partner's field sales and distribution people your team knows; if none, ask to meet those who would carry your offering.",
         seed=N, section="4.5.4 Understanding Field Operations",
         note="In-house in 2.0: the relationships are the SME's own."),
    item("face_to_face", "countermeasure.face_to_face", "likert", B, 1,
         "How much face-to-face and informal contact do you have with the partner's people?",
         "Face-to-face and informal relationships built trust that formal channels did not.",
         ["None", "Once", "Occasionally", "Regularly", "Frequently, and friendships"],
         check="Count your team's in-person meetings with the partner's people in the last three months, and plan the next one.",
         seed=N, section="4.3.2 Importance of Face to Face Contact in Collaboration Initiation",
         note="In-house in 2.0: the SME's own record of meetings answers it."),
    item("backup_plan", "countermeasure.backup_plan", "likert", B, 1.5,
         "Do you have a plan to keep business running if the alliance is postponed or fails?",
         "Collaborations often do not work out; the NZ firms weighed the outcomes before committing and made sure business as usual could carry on without the alliance.",
         ["None", "An idea", "A rough plan", "A plan", "A plan with resources set aside"],
         check="Write down how your business carries on if this alliance is postponed or stopped, and what you set aside for that.",
         seed=N, section="4.5.1 Clarifying Agendas; 4.5.2 Allocation of Resources",
         note="In-house in 2.0: the plan is the SME's own (1.0 asked the partner about notice). Source also cites 4.5.1, where the backup plan is described."),
    item("partner_research", "countermeasure.partner_research", "likert", B, 1,
         "How thoroughly have you researched the partner?",
         "The NZ firms researched future collaborators: their history, how they present themselves, their values, and how they have treated partners.",
         ["Not at all", "A web search", "Some research", "Thorough research", "Thorough research and references"],
         check="Look into the partner's history with small firms and its reputation, and talk to one or two firms that have worked with it.",
         seed=N, section="4.3.1 Researching the future collaborator",
         note="In-house in 2.0: the research is the SME's own."),
    # ---- risk, safeguards: the SME's networking -------------------------------------------------------
    item("network_endowment", "networking.endowment", "likert", B, 1,
         "How strong and wide are your firm's network relationships?",
         "Network endowment, one axis of Prashantham's networking types (Table 3).",
         ["Very weak", "Weak", "Average", "Strong", "Very strong"],
         check="List the networks your firm belongs to (clusters, partner programmes, industry bodies, advisers) and how strong each tie is.",
         seed=P, section="Table 3: SME networking types",
         note="In-house in 2.0: only the SME knows its own networks (1.0 asked the partner which networks it belongs to)."),
    item("network_leverage", "networking.leverage", "likert", B, 1,
         "How actively does your firm use those relationships, for example to engage a local subsidiary?",
         "Network leverage, the other axis of Table 3: effective networkers have strong networks and use them.",
         ["Not at all", "Rarely", "Sometimes", "Often", "Systematically"],
         check="Name who in your firm uses those networks, and when one last helped you reach a partner.",
         seed=P, section="Table 3: SME networking types",
         note="In-house in 2.0: 1.0 asked the partner who looks after its own local relationships."),
]

HEADER = '''# The full assessment, for due diligence before signing.
# Generated from tools/make_full_instrument_2.py: edit the table there and re-run it.
# Every element of the model in DESIGN.md has at least one item; each item cites its source.
#
# What changed in 2.0 (model 2), and why:
# - Parts: each item counts where its dimension's vocabulary group puts it (market; what
#   the SME is worth to the MNC; what the MNC is worth to the SME; exposure, the threats;
#   safeguards, what is in place). No item overrides its group's part.
# - The five MNC motives share pool "motive": they count once, by the strongest answer,
#   because one credible motive is what the SME needs to appeal to (Prashantham), not all
#   five. They all weigh 2, so the pool weighs the same whichever motive is strongest.
# - Partial answers get scales instead of yes/no, under new ids because a 1.0 yes/no
#   answer cannot be read on them: full.mou -> full.written_commitment_stage (not discussed
#   ... signed by all; a consortium where only some signed is part of the way),
#   full.dedicated_owner -> full.alliance_owner (no one ... a named owner with time),
#   full.motive_spin_off -> full.motive_spin_off_support (no link ... a sponsored spin-off),
#   full.jurisdiction -> full.governing_law (our law ... the partner's courts abroad; law and
#   forum are not binary: a neutral law or arbitration is part of the way).
# - What only the SME itself can answer is a check in-house (check_in_house), not a question
#   for the partner: its evidence of need, its spin-off origin, its quality/cost/delivery,
#   its attention, its dependence, the costs missing from its plan, its own contacts beyond
#   the local unit and in the field, its face-to-face record, its alliance owner, backup
#   plan, partner research, networks for legitimacy, network endowment and leverage. Several
#   1.0 questions asked the partner about the SME's own firm; they are fixed.
# - Weights of the heaviest threats: dependence, opportunism, hold-up and IP loss 2 -> 2.5;
#   no exit and acquisition 1.5 -> 2. Motives: 1 (absorption 1.5) -> 2 each, as one pool.
# - Sources checked against the seeds: hidden costs and governing law now cite thesis 4.4.2,
#   where they are discussed; no exit cites 2.8.1 and 5.2.2; the backup plan also 4.5.1.
# - Wording: help texts are sharper and closer to the seeds in places; full.no_exit's top label
#   no longer mentions a backup plan (its own item), a narrowing that leaves 1.0 answers valid.
# Every other item keeps its 1.0 id, question and scale, so stored answers carry over.

[instrument]
name = "full"
version = "2.0"
title = "Full alliance assessment"
description = "Due diligence before signing: market needs; both directions of partner value (what the SME is worth to the MNC, through the five MNC motives and its assets, and what the MNC is worth to the SME); the exposure (partner profile, the five barriers, dependence, opportunism and hold-up) and the safeguards in place (structure, written terms and commitment, engagement strategies, countermeasures, networks). Record evidence for each answer; unknowns become the questions to settle with the partner, or the checks to make in your own firm, before you sign."
minutes = 25
'''


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def factor_of(dimension: str) -> str:
    return FACTOR.get(dimension.split(".", 1)[0], "risk")


def render() -> str:
    out = [HEADER]
    for row in ITEMS:
        kind, scale = row["kind"], row["scale"]
        lines = textwrap.wrap(row["note"], width=94, initial_indent="# ", subsequent_indent="# ")
        lines += ["[[items]]", f'id = "full.{row["ident"]}"', f'factor = "{factor_of(row["dimension"])}"',
                  f'dimension = "{row["dimension"]}"']
        if row["gate"]:
            lines.append("gate = true")
        if row["pool"]:
            lines.append(f'pool = "{row["pool"]}"')
        lines += [f"weight = {row['weight']}", f'kind = "{kind}"', f'direction = "{row["direction"]}"',
                  f"question = {q(row['question'])}", f"help = {q(row['help'])}"]
        if kind == "likert":
            assert len(scale) == 5, row["ident"]
            lines.append("labels = [" + ", ".join(q(label) for label in scale) + "]")
        elif kind in ("single", "multiple"):
            lines.append("options = [")
            lines += [f"  {{ value = {q(v)}, label = {q(label)}, level = {level} }}," for v, label, level in scale]
            lines.append("]")
        elif kind == "number":
            lines.append("scale = [" + ", ".join(f"[{at}, {level}]" for at, level in scale) + "]")
            lines.append('unit = "× our revenues"')
        if row["ask"]:
            lines.append(f"ask_partner = {q(row['ask'])}")
        else:
            lines.append(f"check_in_house = {q(row['check'])}")
        lines += [f'source = {{ seed = "{row["seed"]}", section = {q(row["section"])} }}', ""]
        out.append("\n".join(lines))
    return "\n".join(out)


if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "src/dancecard/core/data/instruments/full-2.0.toml"
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {len(ITEMS)} items to {target.name}")
