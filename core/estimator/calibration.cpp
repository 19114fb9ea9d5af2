#include "calibration.h"

#include <QFile>
#include <QHash>
#include <QSaveFile>

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace iq {

QString acceleratorFamily(const QString &gkeLabel)
{
    static const QList<QPair<QString, QString>> map{
        {QStringLiteral("nvidia-tesla-t4"), QStringLiteral("t4")},
        {QStringLiteral("nvidia-l4"), QStringLiteral("l4")},
        {QStringLiteral("nvidia-tesla-a100"), QStringLiteral("a100")},
        {QStringLiteral("nvidia-a100-80gb"), QStringLiteral("a100")},
        {QStringLiteral("nvidia-h100-80gb"), QStringLiteral("h100")},
        {QStringLiteral("nvidia-h100-mega-80gb"), QStringLiteral("h100")},
        {QStringLiteral("nvidia-h200-141gb"), QStringLiteral("h200")},
        {QStringLiteral("nvidia-b200"), QStringLiteral("b200")},
        {QStringLiteral("nvidia-gb200"), QStringLiteral("gb200")},
        {QStringLiteral("nvidia-rtx-pro-6000"), QStringLiteral("rtx-pro-6000")},
        {QStringLiteral("tpu-v5-lite-podslice"), QStringLiteral("tpu-v5e")},
        {QStringLiteral("tpu-v6e-slice"), QStringLiteral("tpu-v6e")},
        {QStringLiteral("tpu-v5p-slice"), QStringLiteral("tpu-v5p")},
        {QStringLiteral("tpu7x"), QStringLiteral("tpu7x")},
    };
    for (const auto &[label, family] : map) {
        if (label == gkeLabel)
            return family;
    }
    return gkeLabel;
}

QStringList nearestFamilies(const QString &family)
{
    // Nearest by memory technology and generation: same-generation parts first, then the next older/newer
    // data-centre part, never across GPU/TPU (different software stacks).
    static const QHash<QString, QStringList> map{
        {QStringLiteral("h100"), {QStringLiteral("h200"), QStringLiteral("b200"), QStringLiteral("a100")}},
        {QStringLiteral("h200"), {QStringLiteral("h100"), QStringLiteral("b200"), QStringLiteral("a100")}},
        {QStringLiteral("b200"), {QStringLiteral("h200"), QStringLiteral("h100")}},
        {QStringLiteral("gb200"), {QStringLiteral("b200"), QStringLiteral("h200"), QStringLiteral("h100")}},
        {QStringLiteral("a100"), {QStringLiteral("h100"), QStringLiteral("h200")}},
        {QStringLiteral("l4"),
         {QStringLiteral("rtx-pro-6000"), QStringLiteral("a100"), QStringLiteral("h100")}},
        {QStringLiteral("t4"), {QStringLiteral("l4"), QStringLiteral("a100"), QStringLiteral("h100")}},
        {QStringLiteral("rtx-pro-6000"),
         {QStringLiteral("l4"), QStringLiteral("h100"), QStringLiteral("b200")}},
        {QStringLiteral("tpu-v6e"),
         {QStringLiteral("tpu-v5p"), QStringLiteral("tpu-v5e"), QStringLiteral("tpu7x")}},
        {QStringLiteral("tpu-v5e"), {QStringLiteral("tpu-v6e"), QStringLiteral("tpu-v5p")}},
        {QStringLiteral("tpu-v5p"), {QStringLiteral("tpu-v6e"), QStringLiteral("tpu-v5e")}},
        {QStringLiteral("tpu7x"), {QStringLiteral("tpu-v6e"), QStringLiteral("tpu-v5p")}},
    };
    return map.value(family);
}

namespace {

const CalibrationEntry *findEntry(const QList<CalibrationEntry> &entries, const QString &family,
                                  const QString &server)
{
    for (const CalibrationEntry &e : entries) {
        if (e.family == family && e.server == server && e.usableForEstimates())
            return &e;
    }
    return nullptr;
}

// Any fitted entry of the family, preferring servers in a fixed order so the answer is deterministic.
const CalibrationEntry *findAnyServer(const QList<CalibrationEntry> &entries, const QString &family)
{
    static const QStringList order{QStringLiteral("vllm"), QStringLiteral("vllm-tpu"),
                                   QStringLiteral("sglang"), QStringLiteral("tensorrt-llm"),
                                   QStringLiteral("*")};
    for (const QString &server : order) {
        if (const CalibrationEntry *e = findEntry(entries, family, server))
            return e;
    }
    return nullptr;
}

} // namespace

EfficiencyFactors Calibration::factorsFor(const QString &family, const QString &server, bool *borrowed,
                                          QString *from) const
{
    auto answer = [&](const CalibrationEntry *e, bool isBorrowed) {
        if (borrowed)
            *borrowed = isBorrowed;
        if (from)
            *from = e ? e->family + QLatin1Char('/') + e->server : QStringLiteral("built-in defaults");
        return e ? e->factors : EfficiencyFactors{};
    };
    if (const CalibrationEntry *e = findEntry(entries, family, server))
        return answer(e, false);
    if (const CalibrationEntry *e = findEntry(entries, family, QStringLiteral("*")))
        return answer(e, false);
    // The same server on the nearest family measures the server's kernels on similar hardware; only then
    // another server on the same hardware.
    const QStringList near = nearestFamilies(family);
    for (const QString &n : near) {
        if (const CalibrationEntry *e = findEntry(entries, n, server))
            return answer(e, true);
    }
    if (const CalibrationEntry *e = findAnyServer(entries, family))
        return answer(e, true);
    for (const QString &n : near) {
        if (const CalibrationEntry *e = findAnyServer(entries, n))
            return answer(e, true);
    }
    return answer(nullptr, true);
}

const CalibrationEntry *Calibration::entry(const QString &family, const QString &server) const
{
    for (const CalibrationEntry &e : entries) {
        if (e.family == family && e.server == server)
            return &e;
    }
    return nullptr;
}

double Calibration::errorBandFor(const QString &family, const QString &server) const
{
    bool borrowed = true;
    factorsFor(family, server, &borrowed);
    return borrowed ? uncalibratedErrorBandPercent : calibratedErrorBandPercent;
}

namespace {

bool readFactors(const YAML::Node &n, EfficiencyFactors *f)
{
    auto rd = [&](const char *key, double *v) {
        if (n[key])
            *v = n[key].as<double>();
    };
    rd("flops_efficiency", &f->flopsEfficiency);
    rd("bandwidth_efficiency", &f->bandwidthEfficiency);
    rd("step_overhead_ms", &f->stepOverheadMs);
    rd("per_sequence_overhead_us", &f->perSequenceOverheadUs);
    rd("all_reduce_latency_us", &f->allReduceLatencyUs);
    return f->flopsEfficiency > 0 && f->flopsEfficiency <= 1 && f->bandwidthEfficiency > 0 &&
           f->bandwidthEfficiency <= 1 && f->stepOverheadMs >= 0 && f->perSequenceOverheadUs >= 0 &&
           f->allReduceLatencyUs >= 0;
}

QString str(const YAML::Node &n)
{
    return n ? QString::fromStdString(n.as<std::string>()) : QString();
}

} // namespace

bool loadCalibration(const QString &path, Calibration *out, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = path + QStringLiteral(": cannot open: ") + file.errorString();
        return false;
    }
    const QByteArray bytes = file.readAll();
    Calibration cal;
    try {
        const YAML::Node root = YAML::Load(bytes.toStdString());
        if (!root.IsMap()) {
            if (error)
                *error = path + QStringLiteral(":1: expected a mapping");
            return false;
        }
        if (root["estimator_version"])
            cal.estimatorVersion = str(root["estimator_version"]);
        cal.fittedOn = str(root["fitted_on"]);
        if (root["error_band_percent"]) {
            const YAML::Node b = root["error_band_percent"];
            if (b["calibrated"])
                cal.calibratedErrorBandPercent = b["calibrated"].as<double>();
            if (b["borrowed"])
                cal.uncalibratedErrorBandPercent = b["borrowed"].as<double>();
        }
        for (const YAML::Node &e : root["factors"]) {
            CalibrationEntry entry;
            entry.family = str(e["family"]);
            entry.server = str(e["server"]);
            entry.pointCount = e["points"] ? e["points"].as<int>() : 0;
            entry.borrowedFrom = str(e["borrowed_from"]);
            if (entry.family.isEmpty() || entry.server.isEmpty() || !readFactors(e, &entry.factors)) {
                if (error)
                    *error = path + QLatin1Char(':') + QString::number(e.Mark().line + 1) +
                             QStringLiteral(": factor entry needs family, server and factors in range "
                                            "(efficiencies in (0, 1], overheads >= 0)");
                return false;
            }
            cal.entries.append(entry);
        }
        if (const YAML::Node s = root["summary"]) {
            cal.summary.throughputMdape = s["output_throughput_mdape_percent"].as<double>(-1);
            cal.summary.ttftMdape = s["ttft_mdape_percent"].as<double>(-1);
            cal.summary.tpotMdape = s["tpot_mdape_percent"].as<double>(-1);
            cal.summary.throughputPoints = s["output_throughput_points"].as<int>(0);
            cal.summary.ttftPoints = s["ttft_points"].as<int>(0);
            cal.summary.tpotPoints = s["tpot_points"].as<int>(0);
        }
        for (const YAML::Node &r : root["residuals"]) {
            CalibrationResidual res;
            res.pointId = str(r["point"]);
            res.family = str(r["family"]);
            res.server = str(r["server"]);
            res.metric = str(r["metric"]);
            res.measured = r["measured"].as<double>();
            res.predicted = r["predicted"].as<double>();
            res.absPercentError = r["abs_percent_error"].as<double>();
            cal.residuals.append(res);
        }
        for (const YAML::Node &s : root["skipped_points"])
            cal.skippedPoints.append(str(s));
    } catch (const YAML::Exception &e) {
        if (error)
            *error = path + QLatin1Char(':') + QString::number(e.mark.line + 1) + QStringLiteral(": ") +
                     QString::fromStdString(e.msg);
        return false;
    }
    *out = cal;
    return true;
}

const Calibration &defaultCalibration(QString *error)
{
    struct Loaded
    {
        Calibration cal;
        QString error;
    };
    static const Loaded loaded = [] {
        Loaded l;
        if (!loadCalibration(QStringLiteral(":/estimator/calibration.yaml"), &l.cal, &l.error))
            l.cal = Calibration{};
        return l;
    }();
    if (error)
        *error = loaded.error;
    return loaded.cal;
}

QByteArray calibrationToYaml(const Calibration &cal)
{
    YAML::Emitter y;
    y.SetDoublePrecision(6);
    y << YAML::Comment(
        "Fitted by `iq estimate calibrate` (core/estimator/calibrationfit.cpp); see docs/estimator.md.");
    y << YAML::BeginMap;
    y << YAML::Key << "estimator_version" << YAML::Value << cal.estimatorVersion.toStdString();
    y << YAML::Key << "fitted_on" << YAML::Value << cal.fittedOn.toStdString();
    y << YAML::Key << "error_band_percent" << YAML::Value << YAML::BeginMap;
    y << YAML::Key << "calibrated" << YAML::Value << cal.calibratedErrorBandPercent;
    y << YAML::Key << "borrowed" << YAML::Value << cal.uncalibratedErrorBandPercent;
    y << YAML::EndMap;
    y << YAML::Key << "summary" << YAML::Value << YAML::BeginMap;
    y << YAML::Key << "output_throughput_mdape_percent" << YAML::Value << cal.summary.throughputMdape;
    y << YAML::Key << "output_throughput_points" << YAML::Value << cal.summary.throughputPoints;
    y << YAML::Key << "ttft_mdape_percent" << YAML::Value << cal.summary.ttftMdape;
    y << YAML::Key << "ttft_points" << YAML::Value << cal.summary.ttftPoints;
    y << YAML::Key << "tpot_mdape_percent" << YAML::Value << cal.summary.tpotMdape;
    y << YAML::Key << "tpot_points" << YAML::Value << cal.summary.tpotPoints;
    y << YAML::EndMap;
    y << YAML::Key << "factors" << YAML::Value << YAML::BeginSeq;
    for (const CalibrationEntry &e : cal.entries) {
        y << YAML::BeginMap;
        y << YAML::Key << "family" << YAML::Value << e.family.toStdString();
        y << YAML::Key << "server" << YAML::Value << e.server.toStdString();
        y << YAML::Key << "points" << YAML::Value << e.pointCount;
        if (!e.borrowedFrom.isEmpty())
            y << YAML::Key << "borrowed_from" << YAML::Value << e.borrowedFrom.toStdString();
        y << YAML::Key << "flops_efficiency" << YAML::Value << e.factors.flopsEfficiency;
        y << YAML::Key << "bandwidth_efficiency" << YAML::Value << e.factors.bandwidthEfficiency;
        y << YAML::Key << "step_overhead_ms" << YAML::Value << e.factors.stepOverheadMs;
        y << YAML::Key << "per_sequence_overhead_us" << YAML::Value << e.factors.perSequenceOverheadUs;
        y << YAML::Key << "all_reduce_latency_us" << YAML::Value << e.factors.allReduceLatencyUs;
        y << YAML::EndMap;
    }
    y << YAML::EndSeq;
    y << YAML::Key << "residuals" << YAML::Value << YAML::BeginSeq;
    for (const CalibrationResidual &r : cal.residuals) {
        y << YAML::Flow << YAML::BeginMap;
        y << YAML::Key << "point" << YAML::Value << r.pointId.toStdString();
        y << YAML::Key << "family" << YAML::Value << r.family.toStdString();
        y << YAML::Key << "server" << YAML::Value << r.server.toStdString();
        y << YAML::Key << "metric" << YAML::Value << r.metric.toStdString();
        y << YAML::Key << "measured" << YAML::Value << r.measured;
        y << YAML::Key << "predicted" << YAML::Value << r.predicted;
        y << YAML::Key << "abs_percent_error" << YAML::Value << r.absPercentError;
        y << YAML::EndMap;
    }
    y << YAML::EndSeq;
    y << YAML::Key << "skipped_points" << YAML::Value << YAML::BeginSeq;
    for (const QString &s : cal.skippedPoints)
        y << s.toStdString();
    y << YAML::EndSeq;
    y << YAML::EndMap;
    QByteArray out(y.c_str());
    out.append('\n');
    return out;
}

bool saveCalibration(const Calibration &calibration, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = path + QStringLiteral(": cannot write: ") + file.errorString();
        return false;
    }
    file.write(calibrationToYaml(calibration));
    if (!file.commit()) {
        if (error)
            *error = path + QStringLiteral(": cannot write: ") + file.errorString();
        return false;
    }
    return true;
}

} // namespace iq
