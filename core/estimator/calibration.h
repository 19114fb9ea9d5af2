#pragma once
// Efficiency factors of the estimator's roofline, per accelerator family and model server, as fitted by
// `iq estimate calibrate` to public measured points (resources/estimator/calibration.yaml).
// Families with no measured point borrow the factors of a documented nearest family and carry a wider
// error band. See docs/estimator.md.

#include <QList>
#include <QString>
#include <QStringList>

namespace iq {

inline constexpr const char *kEstimatorVersion = "iq-estimator 1.0";

struct EfficiencyFactors
{
    double flopsEfficiency = 0.5;       // achieved / peak dense FLOPs in compute-bound steps (prefill)
    double bandwidthEfficiency = 0.7;   // achieved / peak memory bandwidth in memory-bound steps (decode)
    double stepOverheadMs = 2.0;        // per engine step: scheduling, sampling, kernel launches
    double perSequenceOverheadUs = 5.0; // per sequence in a step: input prep, sampling, detokenisation
    double allReduceLatencyUs = 10.0;   // fixed cost of one tensor-parallel all-reduce

    friend bool operator==(const EfficiencyFactors &, const EfficiencyFactors &) = default;
};

// Lower bounds of the fit's search. An entry that ends at a bound says the roofline misses what limited its
// points (e.g. kernels the model does not know); it is kept in the file with its residuals but not used for
// estimates (factorsFor skips it).
inline constexpr double kMinFlopsEfficiency = 0.05;
inline constexpr double kMinBandwidthEfficiency = 0.15;

struct CalibrationEntry
{
    QString family; // accelerator family, see acceleratorFamily()
    QString server; // model server ("vllm", "sglang", "vllm-tpu", "tensorrt-llm"), "*" = any
    EfficiencyFactors factors;
    int pointCount = 0;   // measured points this entry was fitted to (0 = defaults)
    QString borrowedFrom; // "h100/vllm" when the entry copies another family's factors

    bool usableForEstimates() const
    {
        return pointCount > 0 && factors.flopsEfficiency > kMinFlopsEfficiency * 1.02 &&
               factors.bandwidthEfficiency > kMinBandwidthEfficiency * 1.02;
    }
};

// What one measured point looks like next to its estimate (written by the fit, shown by docs and tests).
struct CalibrationResidual
{
    QString pointId;
    QString family;
    QString server;
    QString metric; // "output_tokens_per_second", "ttft_ms", "tpot_ms", "ntpot_ms", "itl_ms"
    double measured = 0;
    double predicted = 0;
    double absPercentError = 0;
};

struct CalibrationSummary
{
    double throughputMdape = -1; // median absolute percentage error (%), -1 = no points
    double ttftMdape = -1;
    double tpotMdape = -1; // TPOT, NTPOT and ITL points pooled
    int throughputPoints = 0;
    int ttftPoints = 0;
    int tpotPoints = 0;
};

struct Calibration
{
    QString estimatorVersion = QString::fromLatin1(kEstimatorVersion);
    QString fittedOn; // ISO date of the fit
    QList<CalibrationEntry> entries;
    QList<CalibrationResidual> residuals;
    QList<QString> skippedPoints; // "id: reason"
    CalibrationSummary summary;
    double calibratedErrorBandPercent = 20;   // stated band for families with their own points
    double uncalibratedErrorBandPercent = 50; // stated band for borrowed factors

    // Factors for a family and server: exact entry, then the family's "*" entry, then the documented
    // nearest family (nearestCalibratedFamily), then built-in defaults. *borrowed says whether the answer
    // came from another family (wider error band).
    EfficiencyFactors factorsFor(const QString &family, const QString &server, bool *borrowed = nullptr,
                                 QString *from = nullptr) const;
    // The fitted entry of exactly this group (usable or not), nullptr when there is none.
    const CalibrationEntry *entry(const QString &family, const QString &server) const;
    double errorBandFor(const QString &family, const QString &server) const;
};

// "nvidia-h100-80gb" -> "h100"; "tpu-v6e-slice" -> "tpu-v6e". Unknown labels give the label itself.
QString acceleratorFamily(const QString &gkeLabel);

// Families to borrow from, nearest first (documented in docs/estimator.md).
QStringList nearestFamilies(const QString &family);

// Reads resources/estimator/calibration.yaml (or another file). Errors name the file and line.
bool loadCalibration(const QString &path, Calibration *out, QString *error);
// The embedded calibration; built-in defaults (and an error in *error) when it is missing or broken.
const Calibration &defaultCalibration(QString *error = nullptr);

// YAML text of a calibration (stable order), and writing it with QSaveFile.
QByteArray calibrationToYaml(const Calibration &calibration);
bool saveCalibration(const Calibration &calibration, const QString &path, QString *error);

} // namespace iq
