"""Deterministic paper-like prose for the sample PDFs.

A small sentence grammar with a seeded random generator: the text reads like
a methods-and-results paper, repeats common short phrases (as real papers
do, so that short quotes are ambiguous) and is full of words that produce
ligatures (fi, ff, ffi, fl) and long words that LaTeX hyphenates.
"""
import random

SUBJECTS = [
    "the sediment flux", "the boundary layer", "the affine estimator", "our field campaign",
    "the diffusion coefficient", "the offshore array", "the final configuration",
    "the calibration procedure", "the reference model", "the efficient solver",
    "the flow velocity", "the suspended load", "the characteristic timescale",
    "the official record", "the turbulent kinetic energy", "the wave-averaged stress",
    "the bed roughness", "the sampling protocol", "the inflow condition",
    "the spectral analysis", "the instrument package", "the reflectance profile",
    "the stratification parameter", "the coefficient of variation", "the baseline run",
]
VERBS = [
    "increases with", "depends strongly on", "is insensitive to", "differs markedly from",
    "scales linearly with", "was calibrated against", "remains sufficient for",
    "is consistent with", "was first reported in", "offsets the effect of",
    "fluctuates around", "is difficult to separate from", "influences", "reflects",
    "is comparable to", "cannot be inferred from", "significantly exceeds",
]
OBJECTS = [
    "the near-bed concentration", "the tidal phase", "the grain-size distribution",
    "the offshore wind field", "the effective viscosity", "the flocculation rate",
    "the fluorescence signal", "the classical logarithmic profile", "the office estimates",
    "the predicted shear velocity", "the deep-water benchmark", "the specific discharge",
    "the configuration of the mooring", "the first harmonic", "the diffuse attenuation",
    "the affinity of fine particles", "the official tide tables", "the reflected wave train",
    "the inflow temperature", "the stiff parameterization", "the buoyancy frequency",
]
CLAUSES = [
    "as shown in Figure {fig}", "within experimental uncertainty", "during the spring tides",
    "for all {n} deployments", "in agreement with earlier work [{ref}]",
    "although the effect is small", "once the instruments were recalibrated",
    "except near the estuary mouth", "over the full {days}-day record",
    "when the wind exceeded {wind} m/s", "after filtering the high-frequency noise",
    "in the offshore configuration", "at a confidence level of {conf}%",
    "for grain sizes below {grain} micrometres", "under the fair-weather conditions",
]
OPENERS = [
    "In contrast,", "Moreover,", "However,", "As expected,", "Surprisingly,",
    "Taken together,", "In the first experiment,", "Finally,", "Notably,",
    "For the offshore stations,", "To a first approximation,", "In practice,",
    "Following the standard procedure,", "By construction,", "Interestingly,",
]
STANDALONE = [
    "We measured {subj} at {n} stations over {days} days and found a mean of {val} with a standard deviation of {sd}.",
    "The difference between the two estimates was {pct}% (p = 0.{p}), which we attribute to {obj}.",
    "Table {tab} lists the characteristic values for each deployment, together with their uncertainties.",
    "A total of {big} profiles were collected, of which {pct}% passed the quality-control criteria.",
    "This finding is difficult to reconcile with the classical theory of {topic}, which predicts a much weaker dependence.",
    "We therefore fitted an affine model to the data, with {subj} as the dependent variable.",
    "The coefficients of the fit were {val} and {sd}, respectively, with an efficiency of {pct}%.",
    "Figure {fig} compares the observed and simulated profiles for the final configuration of the experiment.",
    "Our results suggest that {subj} {verb} {obj}, at least for the conditions sampled here.",
    "The official instrument specifications quote an accuracy of {sd} for the velocity and {val} for the concentration.",
    "None of the {n} stations showed a significant trend in {obj} over the study period.",
    "These estimates differ from those of earlier field studies [{ref}] by a factor of {fac}.",
]
TOPICS = [
    "sediment transport", "boundary-layer turbulence", "flocculation", "wave attenuation",
    "estuarine circulation", "suspended particle dynamics", "bedform migration",
]


class Prose:
    def __init__(self, seed):
        self.rng = random.Random(seed)

    def _fill(self, template):
        r = self.rng
        return template.format(
            subj=r.choice(SUBJECTS), verb=r.choice(VERBS), obj=r.choice(OBJECTS),
            fig=r.randint(1, 9), tab=r.randint(1, 5), ref=r.randint(1, 40),
            n=r.randint(3, 48), days=r.randint(5, 120), wind=r.randint(4, 18),
            conf=r.choice([90, 95, 99]), grain=r.choice([20, 63, 125, 250]),
            val=f"{r.uniform(0.1, 9.9):.2f}", sd=f"{r.uniform(0.01, 0.9):.2f}",
            pct=f"{r.uniform(1, 99):.1f}", p=r.randint(1, 49), big=r.randint(200, 9000),
            fac=r.choice(["two", "three", "four", "ten"]), topic=r.choice(TOPICS),
        )

    def sentence(self):
        r = self.rng
        kind = r.random()
        if kind < 0.35:
            return self._fill(r.choice(STANDALONE))
        subject = r.choice(SUBJECTS)
        body = f"{subject} {r.choice(VERBS)} {r.choice(OBJECTS)}"
        if r.random() < 0.6:
            body += " " + self._fill(r.choice(CLAUSES))
        if r.random() < 0.45:
            opener = r.choice(OPENERS)
            return f"{opener} {body}."
        return body[0].upper() + body[1:] + "."

    def paragraph(self, sentences=None):
        count = sentences or self.rng.randint(4, 8)
        return " ".join(self.sentence() for _ in range(count))
