#include "referencedata.h"

#include <QFile>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <cmath>

namespace iq {

namespace {

// 1 GiB in GB (1e9 B): some per-chip memory sizes are published in GiB.
constexpr double kGBPerGiB = 1.073741824;

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

class YamlFile
{
public:
    YamlFile(const QString &dir, const QString &fileName, ReferenceData *out)
        : m_path(dir + QLatin1Char('/') + fileName)
        , m_out(out)
    {
        QFile f(m_path);
        if (!f.open(QIODevice::ReadOnly)) {
            error(0, QStringLiteral("cannot open: %1").arg(f.errorString()));
            return;
        }
        const QByteArray bytes = f.readAll();
        try {
            m_root = YAML::Load(bytes.toStdString());
            m_ok = m_root.IsMap();
            if (!m_ok)
                error(0, QStringLiteral("expected a mapping at the top level"));
        } catch (const YAML::Exception &e) {
            error(e.mark.is_null() ? 0 : e.mark.line + 1, fromStd(e.msg));
        }
    }

    bool ok() const { return m_ok; }
    const YAML::Node &root() const { return m_root; }
    QString path() const { return m_path; }

    static int lineOf(const YAML::Node &n)
    {
        const YAML::Mark m = n.Mark();
        return m.is_null() ? 0 : m.line + 1;
    }
    void error(int line, const QString &message) { m_out->errors.append({m_path, line, message}); }
    void error(const YAML::Node &n, const QString &message) { error(lineOf(n), message); }
    void warning(const YAML::Node &n, const QString &message)
    {
        m_out->warnings.append({m_path, lineOf(n), message});
    }

    // A scalar as text; empty for a missing or null node, error for a non-scalar.
    QString text(const YAML::Node &n, const QString &what)
    {
        if (!n || n.IsNull())
            return {};
        if (!n.IsScalar()) {
            error(n, QStringLiteral("%1: expected text").arg(what));
            return {};
        }
        return fromStd(n.Scalar());
    }

    // A number; NaN when missing or null. Free text where a number belongs ("131072 in HF text config (...)")
    // gives its leading number with a warning, or unknown with a warning when it has none: never a guess.
    double number(const YAML::Node &n, const QString &what)
    {
        if (!n || n.IsNull())
            return kUnknown;
        if (!n.IsScalar()) {
            error(n, QStringLiteral("%1: expected a number, got a structure").arg(what));
            return kUnknown;
        }
        double v = 0;
        if (!YAML::convert<double>::decode(n, v)) {
            const QString t = fromStd(n.Scalar());
            static const QRegularExpression leading(QStringLiteral("^([0-9]+(?:\\.[0-9]+)?)(?:\\s|$)"));
            const auto m = leading.match(t);
            if (!m.hasMatch()) {
                warning(n, QStringLiteral("%1: no number in \"%2\"; left unknown").arg(what, t));
                return kUnknown;
            }
            v = m.captured(1).toDouble();
            warning(n,
                    QStringLiteral("%1: took the leading number %2 from \"%3\"").arg(what, m.captured(1), t));
        }
        if (!std::isfinite(v) || v < 0) {
            error(n, QStringLiteral("%1: expected a non-negative finite number, got %2")
                         .arg(what, fromStd(n.Scalar())));
            return kUnknown;
        }
        return v;
    }

    QStringList strings(const YAML::Node &n, const QString &what)
    {
        QStringList out;
        if (!n || n.IsNull())
            return out;
        if (n.IsScalar())
            return {fromStd(n.Scalar())};
        if (!n.IsSequence()) {
            error(n, QStringLiteral("%1: expected a list").arg(what));
            return out;
        }
        for (const YAML::Node &item : n) {
            const QString s = text(item, what);
            if (!s.isEmpty())
                out.append(s);
        }
        return out;
    }

private:
    QString m_path;
    ReferenceData *m_out;
    YAML::Node m_root;
    bool m_ok = false;
};

void appendUnique(QStringList *list, const QStringList &items)
{
    for (const QString &s : items) {
        if (!list->contains(s))
            list->append(s);
    }
}

// "bfloat16" -> "bf16"; the native checkpoint precision named in a free-text dtype description.
QString precisionName(const QString &dtype)
{
    const QString d = dtype.toLower();
    if (d.contains(QLatin1String("mxfp4")))
        return QStringLiteral("mxfp4");
    if (d.contains(QLatin1String("fp8")))
        return QStringLiteral("fp8");
    if (d.contains(QLatin1String("bfloat16")) || d.contains(QLatin1String("bf16")))
        return QStringLiteral("bf16");
    if (d.contains(QLatin1String("float16")) || d.contains(QLatin1String("fp16")))
        return QStringLiteral("fp16");
    if (d.contains(QLatin1String("float32")) || d.contains(QLatin1String("fp32")))
        return QStringLiteral("fp32");
    return {};
}

void loadAccelerators(const QString &dir, ReferenceData *out)
{
    YamlFile file(dir, QStringLiteral("accelerators.yaml"), out);
    if (!file.ok())
        return;
    const YAML::Node accelerators = file.root()["accelerators"];
    if (!accelerators.IsSequence()) {
        file.error(file.root(), QStringLiteral("missing list \"accelerators\""));
    } else {
        for (const YAML::Node &n : accelerators) {
            if (!n.IsMap()) {
                file.error(n, QStringLiteral("accelerators: expected a mapping per accelerator"));
                continue;
            }
            Accelerator a;
            a.gkeLabel = file.text(n["gke_accelerator"], QStringLiteral("gke_accelerator"));
            if (a.gkeLabel.isEmpty()) {
                file.error(n, QStringLiteral("accelerator without gke_accelerator"));
                continue;
            }
            const QString what = a.gkeLabel + QLatin1Char('.');
            a.displayName = file.text(n["name"], what + QStringLiteral("name"));
            a.isTpu = a.gkeLabel.startsWith(QLatin1String("tpu"));
            auto spec = [&](const char *key) {
                const YAML::Node field = n[key];
                if (field && field.IsMap())
                    appendUnique(&a.sources, file.strings(field["sources"], what + QLatin1String(key) +
                                                                                QStringLiteral(".sources")));
                if (!field || field.IsNull())
                    return kUnknown;
                if (!field.IsMap()) {
                    file.error(
                        field,
                        QStringLiteral("%1%2: expected value: and sources:").arg(what, QLatin1String(key)));
                    return kUnknown;
                }
                return file.number(field["value"], what + QLatin1String(key) + QStringLiteral(".value"));
            };
            a.memoryGB = spec("memory");
            if (isKnown(a.memoryGB)) {
                const QString unit = file.text(n["memory"]["unit"], what + QStringLiteral("memory.unit"));
                // "GB (approx)" is GB with a remark.
                const QString base = unit.section(QLatin1Char(' '), 0, 0);
                if (base == QLatin1String("GiB"))
                    a.memoryGB = std::round(a.memoryGB * kGBPerGiB * 1000) / 1000;
                else if (!base.isEmpty() && base != QLatin1String("GB"))
                    file.error(n["memory"]["unit"],
                               QStringLiteral("%1memory.unit: unknown unit \"%2\" (expected GB or GiB)")
                                   .arg(what, unit));
            }
            a.memoryBandwidthGBps = spec("mem_bandwidth_GBps");
            a.bf16Tflops = spec("bf16_tflops_dense");
            a.fp8Tflops = spec("fp8_tflops_dense");
            a.int8Tops = spec("int8_tops_dense");
            a.fp4Tflops = spec("fp4_tflops_dense");
            const YAML::Node ic = n["interconnect"];
            if (ic && ic.IsMap()) {
                a.interconnect = file.text(ic["value"], what + QStringLiteral("interconnect.value"));
                appendUnique(&a.sources,
                             file.strings(ic["sources"], what + QStringLiteral("interconnect.sources")));
                // Per-direction bandwidth only where the cited text states it ("450 GB/s per direction").
                static const QRegularExpression perDirection(
                    QStringLiteral("([0-9]+(?:\\.[0-9]+)?) GB/s per direction"));
                const auto m = perDirection.match(a.interconnect);
                if (m.hasMatch())
                    a.interconnectGBps = m.captured(1).toDouble();
            }
            out->accelerators.append(a);
        }
    }

    const YAML::Node machines = file.root()["machine_types"];
    if (!machines.IsSequence()) {
        file.error(file.root(), QStringLiteral("missing list \"machine_types\""));
        return;
    }
    for (const YAML::Node &n : machines) {
        if (!n.IsMap()) {
            file.error(n, QStringLiteral("machine_types: expected a mapping per machine type"));
            continue;
        }
        MachineType m;
        m.name = file.text(n["machine_type"], QStringLiteral("machine_type"));
        if (m.name.isEmpty()) {
            file.error(n, QStringLiteral("machine type without machine_type"));
            continue;
        }
        const QString what = m.name + QLatin1Char('.');
        // "nvidia-tesla-t4 (attachable)": the label is the first word.
        m.accelerator =
            file.text(n["accelerator"], what + QStringLiteral("accelerator")).section(QLatin1Char(' '), 0, 0);
        const YAML::Node count = n["accelerator_count"];
        int c = 0;
        if (!count || count.IsNull()) {
            file.warning(
                count ? count : n,
                QStringLiteral("%1: no fixed accelerator count (GPUs chosen at create time); left out")
                    .arg(m.name));
            continue;
        }
        if (!count.IsScalar() || !YAML::convert<int>::decode(count, c) || c < 1) {
            file.warning(count, QStringLiteral("%1: accelerator count \"%2\" is not a whole number of "
                                               "accelerators (fractional share); left out")
                                    .arg(m.name, count.IsScalar() ? fromStd(count.Scalar()) : QString()));
            continue;
        }
        m.acceleratorCount = c;
        const double vcpus = file.number(n["vcpus"], what + QStringLiteral("vcpus"));
        m.vcpus = isKnown(vcpus) ? static_cast<int>(vcpus) : 0;
        m.memoryGB = file.number(n["memory_GB"], what + QStringLiteral("memory_GB"));
        m.sources = file.strings(n["sources"], what + QStringLiteral("sources"));
        out->machineTypes.append(m);
    }
}

void loadPrices(const QString &dir, ReferenceData *out)
{
    YamlFile file(dir, QStringLiteral("prices.yaml"), out);
    if (!file.ok())
        return;
    const YAML::Node meta = file.root()["meta"];
    const QString asOf = file.text(meta["as_of"], QStringLiteral("meta.as_of"));
    const QString defaultRegion = file.text(meta["region"], QStringLiteral("meta.region"));
    const QString source = file.text(meta["source"], QStringLiteral("meta.source"));
    QStringList models = file.strings(meta["pricing_models"], QStringLiteral("meta.pricing_models"));
    for (const QString &m : std::as_const(models)) {
        if (!pricingModelNames().contains(m))
            file.error(meta["pricing_models"],
                       QStringLiteral("meta.pricing_models: unknown pricing model \"%1\"").arg(m));
    }
    if (models.isEmpty())
        models = pricingModelNames();
    auto round6 = [](double v) { return std::round(v * 1e6) / 1e6; };

    const YAML::Node machines = file.root()["machine_types"];
    if (!machines.IsMap()) {
        file.error(file.root(), QStringLiteral("missing mapping \"machine_types\""));
    } else {
        for (auto it = machines.begin(); it != machines.end(); ++it) {
            const QString name = fromStd(it->first.Scalar());
            const YAML::Node entry = it->second;
            if (!entry.IsMap()) {
                file.error(entry, QStringLiteral("%1: expected a mapping of prices").arg(name));
                continue;
            }
            const QString region = entry["region"]
                                       ? file.text(entry["region"], name + QStringLiteral(".region"))
                                       : defaultRegion;
            const QString note = file.text(entry["note"], name + QStringLiteral(".note"));
            for (const QString &pm : std::as_const(models)) {
                const YAML::Node v = entry[pm.toStdString()];
                if (!v)
                    continue; // not listed: no price (never invented)
                const double usd = file.number(v, name + QLatin1Char('.') + pm);
                if (!isKnown(usd))
                    continue;
                Price p;
                p.machineType = name;
                p.region = region;
                p.pricingModel = pm;
                p.usdPerHour = usd;
                p.asOf = asOf;
                p.source = source;
                p.note = note;
                if (pm.endsWith(QLatin1String("-cud")))
                    p.note = (note.isEmpty() ? QString() : note + QStringLiteral("; ")) +
                             QStringLiteral("committed use discount: monthly commitment price / 730 hours");
                out->prices.append(p);
            }
        }
    }

    // TPU prices are per chip and unverified: a machine's price is derived as per-chip price x chips.
    const YAML::Node tpu = file.root()["tpu_per_chip_hour_unverified"];
    if (!tpu)
        return;
    if (!tpu.IsMap()) {
        file.error(tpu, QStringLiteral("tpu_per_chip_hour_unverified: expected a mapping"));
        return;
    }
    for (auto it = tpu.begin(); it != tpu.end(); ++it) {
        const QString label = fromStd(it->first.Scalar());
        const YAML::Node entry = it->second;
        if (!entry.IsMap()) {
            file.error(entry, QStringLiteral("%1: expected a mapping of per-chip prices").arg(label));
            continue;
        }
        bool anyMachine = false;
        for (const MachineType &m : std::as_const(out->machineTypes)) {
            if (m.accelerator != label || m.acceleratorCount < 1)
                continue;
            anyMachine = true;
            for (const QString &pm : std::as_const(models)) {
                const YAML::Node v = entry[pm.toStdString()];
                if (!v)
                    continue;
                const double perChip = file.number(v, label + QLatin1Char('.') + pm);
                if (!isKnown(perChip))
                    continue;
                Price p;
                p.machineType = m.name;
                p.region = defaultRegion;
                p.pricingModel = pm;
                p.usdPerHour = round6(perChip * m.acceleratorCount);
                p.source =
                    QStringLiteral("Cloud TPU pricing page (US regions), per-chip price as commonly cited; "
                                   "resources/reference/prices.yaml tpu_per_chip_hour_unverified");
                p.derived = true;
                p.note =
                    QStringLiteral(
                        "derived: %1 USD per chip-hour x %2 chips; the per-chip price is not re-verified "
                        "and is for US regions, not a listed machine price")
                        .arg(perChip)
                        .arg(m.acceleratorCount);
                out->prices.append(p);
            }
        }
        if (!anyMachine)
            file.warning(
                entry, QStringLiteral("%1: no machine type carries this TPU; no prices derived").arg(label));
    }
}

// "meta-llama/Llama-3.1-405B(-Instruct)" -> both ids; "A and B (same architecture)" -> A, B.
QStringList expandModelIds(const QString &id)
{
    QString s = id;
    static const QRegularExpression trailingNote(QStringLiteral("\\s*\\([^)]*\\)\\s*$"));
    if (s.contains(QLatin1String(" and ")))
        s.remove(trailingNote);
    QStringList result;
    for (const QString &part : s.split(QStringLiteral(" and "))) {
        const QString p = part.trimmed();
        static const QRegularExpression optional(QStringLiteral("\\(([^)]*)\\)"));
        const auto m = optional.match(p);
        if (m.hasMatch() && !p.contains(QLatin1Char(' '))) {
            QString without = p;
            without.remove(m.capturedStart(), m.capturedLength());
            QString with = p;
            with.replace(m.capturedStart(), m.capturedLength(), m.captured(1));
            result << without << with;
        } else {
            result << p;
        }
    }
    return result;
}

// Family from the repository name: the words before the size ("Llama-3.1-8B-Instruct" -> "Llama-3.1").
QString familyOf(const QString &id)
{
    const QString name = id.section(QLatin1Char('/'), -1);
    static const QRegularExpression size(QStringLiteral("^[0-9]+(\\.[0-9]+)?[bB]$|^[0-9]+x[0-9]+[bB]$"));
    QStringList words;
    for (const QString &w : name.split(QLatin1Char('-'))) {
        if (size.match(w).hasMatch())
            break;
        words << w;
    }
    return words.join(QLatin1Char('-'));
}

// The first "<number>B" in free text ("671B main-model params; 36.7B activated") and the one before
// "activated"/"active".
double billionsIn(const QString &text, bool active)
{
    static const QRegularExpression total(QStringLiteral("([0-9]+(?:\\.[0-9]+)?)B\\b"));
    static const QRegularExpression act(QStringLiteral("([0-9]+(?:\\.[0-9]+)?)B (?:activated|active)"));
    const auto m = (active ? act : total).match(text);
    return m.hasMatch() ? m.captured(1).toDouble() : kUnknown;
}

void loadModels(const QString &dir, ReferenceData *out)
{
    YamlFile file(dir, QStringLiteral("models.yaml"), out);
    if (!file.ok())
        return;
    const YAML::Node models = file.root()["models"];
    if (!models.IsSequence()) {
        file.error(file.root(), QStringLiteral("missing list \"models\""));
        return;
    }
    for (const YAML::Node &n : models) {
        if (!n.IsMap()) {
            file.error(n, QStringLiteral("models: expected a mapping per model"));
            continue;
        }
        const QString rawId = file.text(n["id"], QStringLiteral("id"));
        if (rawId.isEmpty()) {
            file.error(n, QStringLiteral("model without id"));
            continue;
        }
        const QString what = rawId + QLatin1Char('.');
        Model m;
        m.architecture = file.text(n["arch"], what + QStringLiteral("arch")).section(QLatin1Char(' '), 0, 0);
        const YAML::Node params = n["params"];
        if (params && params.IsMap()) {
            m.parametersB =
                file.number(params["total_computed_B"], what + QStringLiteral("params.total_computed_B"));
            for (const char *key : {"active_computed_B", "active_computed_B_excl_embedding"}) {
                if (!isKnown(m.activeParametersB) && params[key])
                    m.activeParametersB =
                        file.number(params[key], what + QStringLiteral("params.") + QLatin1String(key));
            }
            const QString official = file.text(params["official"], what + QStringLiteral("params.official"));
            if (!isKnown(m.parametersB))
                m.parametersB = billionsIn(official, false);
            if (!isKnown(m.activeParametersB))
                m.activeParametersB = billionsIn(official, true);
        } else if (params) {
            file.error(params, QStringLiteral("%1params: expected a mapping").arg(what));
        }
        for (auto it = n.begin(); it != n.end(); ++it) {
            const std::string key = it->first.Scalar();
            if (key.rfind("weight_size_GB", 0) == 0 && !isKnown(m.weightsGB))
                m.weightsGB = file.number(it->second, what + fromStd(key));
        }
        m.precision = precisionName(file.text(n["torch_dtype"], what + QStringLiteral("torch_dtype")));
        const double context =
            file.number(n["max_position_embeddings"], what + QStringLiteral("max_position_embeddings"));
        m.maxContextLength = isKnown(context) && context < 2e9 ? static_cast<int>(context) : 0;
        m.sources = file.strings(n["sources"], what + QStringLiteral("sources"));
        if (params && params.IsMap())
            appendUnique(&m.sources, file.strings(params["official_sources"],
                                                  what + QStringLiteral("params.official_sources")));
        for (const QString &id : expandModelIds(rawId)) {
            Model copy = m;
            copy.id = id;
            copy.family = familyOf(id);
            out->models.append(copy);
        }
    }
}

void loadUseCases(const QString &dir, ReferenceData *out)
{
    YamlFile file(dir, QStringLiteral("use-cases.yaml"), out);
    if (!file.ok())
        return;
    const YAML::Node list = file.root()["use_cases"];
    if (!list.IsSequence()) {
        file.error(file.root(), QStringLiteral("missing list \"use_cases\""));
        return;
    }
    for (const YAML::Node &n : list) {
        UseCase u;
        u.name = file.text(n["name"], QStringLiteral("name"));
        const double in = file.number(n["input_length"], u.name + QStringLiteral(".input_length"));
        const double outLen = file.number(n["output_length"], u.name + QStringLiteral(".output_length"));
        if (u.name.isEmpty() || !isKnown(in) || !isKnown(outLen) || in < 1 || outLen < 1) {
            file.error(n, QStringLiteral("use case needs a name, input_length and output_length (positive)"));
            continue;
        }
        u.inputLength = static_cast<int>(in);
        u.outputLength = static_cast<int>(outLen);
        out->useCases.append(u);
    }
}

// measured.yaml holds points from many sources and load conditions. The catalog takes only the GKE Inference
// Quickstart documentation's example row as a measured profile; the rest is calibration data.
void loadMeasured(const QString &dir, ReferenceData *out)
{
    YamlFile file(dir, QStringLiteral("measured.yaml"), out);
    if (!file.ok())
        return;
    const YAML::Node points = file.root()["points"];
    if (!points.IsSequence()) {
        file.error(file.root(), QStringLiteral("missing list \"points\""));
        return;
    }
    const QString seedId = QStringLiteral("giq-seed-gpt-oss-20b-vllm-h100");
    for (const YAML::Node &n : points) {
        if (!n.IsMap() || file.text(n["id"], QStringLiteral("id")) != seedId)
            continue;
        const QString what = seedId + QLatin1Char('.');
        Profile p;
        p.model = file.text(n["model"], what + QStringLiteral("model"));
        p.modelServer = file.text(n["server"], what + QStringLiteral("server"));
        p.modelServerVersion = file.text(n["server_version"], what + QStringLiteral("server_version"));
        if (p.modelServerVersion.isEmpty()) {
            // measured.yaml leaves it null; the documentation's example row (GIQ-INTERFACE.md) names it
            // "gptoss".
            p.modelServerVersion = QStringLiteral("gptoss");
        }
        p.accelerator = file.text(n["accelerator"], what + QStringLiteral("accelerator"));
        const double count = file.number(n["accelerator_count"], what + QStringLiteral("accelerator_count"));
        p.acceleratorCount = isKnown(count) ? static_cast<int>(count) : 0;
        p.instanceType = file.text(n["machine_type"], what + QStringLiteral("machine_type"));
        p.precision = precisionName(file.text(n["precision"], what + QStringLiteral("precision")));
        // Inference Quickstart profiles are ShareGPT benchmarks (workload.dataset). Their average lengths are
        // the ShareGPT means in METRICS.md ("The ShareGPT workload behind the Quickstart profiles": input
        // mean 226, output mean 195 tokens); costs then derive the input rate from them (and say so).
        p.useCase = QStringLiteral("Chatbot (ShareGPT)");
        p.averageInputLength = 226;
        p.averageOutputLength = 195;
        const YAML::Node metrics = n["metrics"];
        BenchmarkPoint point;
        point.outputTokensPerSecond =
            file.number(metrics["output_tokens_per_s"], what + QStringLiteral("metrics.output_tokens_per_s"));
        point.ntpotMs.mean = file.number(metrics["ntpot_ms"], what + QStringLiteral("metrics.ntpot_ms"));
        point.ttftMs.mean = file.number(metrics["ttft_ms"], what + QStringLiteral("metrics.ttft_ms"));
        p.points.append(point);
        p.provenance.kind = Provenance::Kind::Measured;
        const QStringList sources = file.strings(n["sources"], what + QStringLiteral("sources"));
        static const QRegularExpression url(QStringLiteral("https?://[^\\s)]+"));
        const auto m = url.match(sources.value(0));
        p.provenance.source = m.hasMatch() ? m.captured(0) : sources.value(0);
        const QString load = file.text(n["workload"]["load"], what + QStringLiteral("workload.load"));
        p.provenance.note =
            QStringLiteral("the example row of `gcloud container ai profiles list` in the Inference "
                           "Quickstart documentation (model server version \"gptoss\" as shown there); ") +
            load + QStringLiteral("; average lengths are the ShareGPT means of METRICS.md (226 in, 195 out)");
        if (p.model.isEmpty() || p.modelServer.isEmpty() || p.accelerator.isEmpty() ||
            p.acceleratorCount < 1) {
            file.error(
                n, QStringLiteral("%1: needs model, server, accelerator and accelerator_count").arg(seedId));
            return;
        }
        out->measuredProfiles.append(p);
        return;
    }
    file.error(0, QStringLiteral("point %1 not found").arg(seedId));
}

} // namespace

ReferenceData loadReferenceData(const QString &dir)
{
    ReferenceData data;
    loadAccelerators(dir, &data);
    loadPrices(dir, &data); // after the machine types: TPU machine prices are derived from them
    loadModels(dir, &data);
    loadUseCases(dir, &data);
    loadMeasured(dir, &data);
    return data;
}

} // namespace iq
