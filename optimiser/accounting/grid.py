"""Published grid emission factors, t CO2 per MWh, by the year of the data: named presets with their sources.

They are kept apart from the user's projections (`grid.ef_t_per_mwh`): with `grid.published: <preset>`, every
modelled year the preset covers takes the published value and later years the projection, so a past year's
inventory uses what was published for that year. Flags as in domain_facts.md (S seen in the source, S3 third-party
transcription, V not re-found).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GridPreset:
    description: str
    values: dict[int, float]  # data year -> t CO2 per MWh
    source: str


MEE_2022 = "MEE & NBS announcement of 2024-12-20 (2022 factors)"
MEE_2023 = "MEE & NBS announcement on 2023 electricity CO2 factors (published Jan 2026)"
MEE_2021 = "MEE & NBS Announcement 2024 No. 12 (2021 factors)"
REGIONAL = f"{MEE_2022} and {MEE_2023} (S); 2021 a third-party transcription (S3)"

PRESETS: dict[str, GridPreset] = {
    "mee-national-average": GridPreset(
        "national average electricity CO2 factor (全国电力平均二氧化碳排放因子), for enterprise inventories",
        {2021: 0.5568, 2022: 0.5366, 2023: 0.5306},
        f"{MEE_2021}; {MEE_2022}; {MEE_2023} (S)",
    ),
    "mee-national-excluding-market-nonfossil": GridPreset(
        "national factor excluding market-traded non-fossil power (residual mix for market-based Scope 2)",
        {2022: 0.5856, 2023: 0.6096},
        f"{MEE_2022}; {MEE_2023} (S)",
    ),
    "mee-national-fossil": GridPreset(
        "national fossil-power CO2 factor", {2021: 0.8426, 2022: 0.8325, 2023: 0.8273}, f"{MEE_2022}; {MEE_2023} (S)"
    ),
    "mee-ets-reporting": GridPreset(
        "national grid factor for ETS and enterprise GHG reporting (0.5703, applies to 2022 data)",
        {2022: 0.5703},
        "MEE notice on 2023-2025 power-sector GHG reporting (Feb 2023), tanpaifang.com (S)",
    ),
    "mee-north-china": GridPreset(
        "North China regional grid (华北)", {2021: 0.7120, 2022: 0.6776, 2023: 0.6361}, REGIONAL
    ),
    "mee-northeast": GridPreset("Northeast regional grid (东北)", {2021: 0.6012, 2022: 0.5564, 2023: 0.5122}, REGIONAL),
    "mee-east-china": GridPreset(
        "East China regional grid (华东: Jiangsu, Zhejiang, Anhui, Shanghai, Fujian)",
        {2021: 0.5992, 2022: 0.5617, 2023: 0.5500},
        REGIONAL,
    ),
    "mee-central": GridPreset(
        "Central China regional grid (华中)", {2021: 0.5354, 2022: 0.5395, 2023: 0.5271}, REGIONAL
    ),
    "mee-northwest": GridPreset("Northwest regional grid (西北)", {2021: 0.5951, 2022: 0.5857, 2023: 0.5543}, REGIONAL),
    "mee-south": GridPreset("South regional grid (南方)", {2021: 0.4326, 2022: 0.3869, 2023: 0.4042}, REGIONAL),
    "mee-southwest": GridPreset("Southwest regional grid (西南)", {2021: 0.2113, 2022: 0.2268, 2023: 0.2472}, REGIONAL),
    "mee-jiangsu": GridPreset("Jiangsu province", {2021: 0.6451, 2022: 0.5978}, "MEE provincial tables (S3)"),
    "mee-zhejiang": GridPreset("Zhejiang province", {2021: 0.5422, 2022: 0.5153}, "MEE provincial tables (S3)"),
    "mee-anhui": GridPreset("Anhui province", {2021: 0.7075, 2022: 0.6782}, "MEE provincial tables (2022 S, 2021 S3)"),
    "mee-guangdong": GridPreset("Guangdong province", {2021: 0.4715, 2022: 0.4403}, "MEE provincial tables (S3)"),
    "mee-shanghai": GridPreset("Shanghai", {2021: 0.5834, 2022: 0.5849}, "MEE provincial tables (S3)"),
}


def preset(name: str) -> GridPreset:
    if name not in PRESETS:
        raise KeyError(f"unknown grid factor preset {name!r}; known: {', '.join(PRESETS)}")
    return PRESETS[name]
