#include "catalogwriter.h"

#include "catalogloader.h"
#include "jsonreader.h"
#include "pointcolumns.h"

#include <QSaveFile>

#include <vector>

namespace iq {

namespace {

constexpr char kSpaces[] = "                "; // indentation (at most 16)

// Writes one JSON object member per line at a fixed indentation; empty strings, unknown numbers and
// empty lists are left out (the loader reads them back as empty/unknown).
class ObjectWriter
{
public:
    ObjectWriter(QByteArray *out, int indent)
        : m_out(out)
        , m_indent(indent)
    {
        m_out->append('{');
    }
    void finish()
    {
        if (m_count > 0) {
            m_out->append('\n');
            m_out->append(kSpaces, m_indent);
        }
        m_out->append('}');
    }
    // Starts a member and returns the output for its value.
    QByteArray *key(const char *name)
    {
        m_out->append(m_count++ ? ",\n" : "\n");
        m_out->append(kSpaces, m_indent + 2);
        m_out->append('"');
        m_out->append(name);
        m_out->append("\": ", 3);
        return m_out;
    }
    void string(const char *name, const QString &value)
    {
        if (!value.isEmpty())
            appendJsonString(key(name), value);
    }
    void number(const char *name, double value)
    {
        if (isKnown(value))
            appendJsonNumber(key(name), value);
    }
    void integer(const char *name, int value, bool always = false)
    {
        if (value != 0 || always)
            key(name)->append(QByteArray::number(value));
    }
    void boolean(const char *name, bool value)
    {
        if (value)
            key(name)->append("true", 4);
    }
    void strings(const char *name, const QStringList &values)
    {
        if (values.isEmpty())
            return;
        QByteArray *o = key(name);
        o->append('[');
        for (qsizetype i = 0; i < values.size(); ++i) {
            if (i)
                o->append(", ", 2);
            appendJsonString(o, values[i]);
        }
        o->append(']');
    }
    int indent() const { return m_indent; }

private:
    QByteArray *m_out;
    int m_indent;
    int m_count = 0;
};

template<class T, class F>
void writeSection(ObjectWriter &top, const char *name, const QList<T> &items, F &&writeItem)
{
    if (items.isEmpty())
        return;
    QByteArray *out = top.key(name);
    out->append('[');
    for (qsizetype i = 0; i < items.size(); ++i) {
        out->append(i ? ",\n    " : "\n    ");
        ObjectWriter w(out, 4);
        writeItem(w, items[i]);
        w.finish();
    }
    out->append("\n  ]", 4);
}

// Provenance on one line: it is short and the same shape for every profile.
void writeProvenance(QByteArray *out, const Provenance &p)
{
    out->append("{\"kind\": ");
    appendJsonString(out, provenanceKindName(p.kind));
    auto field = [&](const char *name, const QString &value) {
        if (value.isEmpty())
            return;
        out->append(", \"");
        out->append(name);
        out->append("\": ");
        appendJsonString(out, value);
    };
    field("source", p.source);
    field("date", p.date);
    field("estimatorVersion", p.estimatorVersion);
    if (isKnown(p.errorBandPercent)) {
        out->append(", \"errorBandPercent\": ");
        appendJsonNumber(out, p.errorBandPercent);
    }
    field("file", p.file);
    field("note", p.note);
    out->append('}');
}

void writeProfile(ObjectWriter &w, const Profile &p)
{
    w.string("model", p.model); // first: lets the loader skip other models' profiles unread
    w.string("modelServer", p.modelServer);
    w.string("modelServerVersion", p.modelServerVersion);
    w.string("accelerator", p.accelerator);
    w.integer("acceleratorCount", p.acceleratorCount, true);
    w.string("instanceType", p.instanceType);
    w.string("tpuTopology", p.tpuTopology);
    w.string("useCase", p.useCase);
    w.number("averageInputLength", p.averageInputLength);
    w.number("averageOutputLength", p.averageOutputLength);
    w.string("servingStack", p.servingStack);
    w.string("servingStackVersion", p.servingStackVersion);
    w.string("precision", p.precision);
    writeProvenance(w.key("provenance"), p.provenance);
    if (p.points.isEmpty())
        return;
    // Only the columns with at least one known value, in canonical order.
    const auto &defs = pointColumns();
    std::vector<int> used;
    for (int c = 0; c < defs.size(); ++c) {
        for (const BenchmarkPoint &pt : p.points) {
            if (isKnown(defs[c].get(pt))) {
                used.push_back(c);
                break;
            }
        }
    }
    QByteArray *out = w.key("columns");
    out->append('[');
    for (size_t i = 0; i < used.size(); ++i) {
        if (i)
            out->append(", ", 2);
        out->append('"');
        out->append(defs[used[i]].name.data(), static_cast<qsizetype>(defs[used[i]].name.size()));
        out->append('"');
    }
    out->append(']');
    out = w.key("points");
    out->append('[');
    for (qsizetype r = 0; r < p.points.size(); ++r) {
        out->append(r ? ",\n        [" : "\n        [");
        for (size_t i = 0; i < used.size(); ++i) {
            if (i)
                out->append(", ", 2);
            appendJsonNumber(out, defs[used[i]].get(p.points[r]));
        }
        out->append(']');
    }
    out->append("\n      ]", 8);
}

} // namespace

QByteArray serializeCatalog(const CatalogData &data)
{
    QByteArray out;
    qsizetype estimate = 65536 + data.profiles.size() * 600;
    for (const Profile &p : data.profiles)
        estimate += p.points.size() * 200; // ~26 values of ~8 characters
    out.reserve(estimate);
    ObjectWriter top(&out, 0);
    top.string("format", QStringLiteral("iq-catalog"));
    top.integer("version", kCatalogFormatVersion);
    top.string("name", data.name);
    top.string("description", data.description);
    writeSection(top, "accelerators", data.accelerators, [](ObjectWriter &w, const Accelerator &a) {
        w.string("gkeLabel", a.gkeLabel);
        w.string("displayName", a.displayName);
        w.boolean("isTpu", a.isTpu);
        w.number("memoryGB", a.memoryGB);
        w.number("memoryBandwidthGBps", a.memoryBandwidthGBps);
        w.number("bf16Tflops", a.bf16Tflops);
        w.number("fp8Tflops", a.fp8Tflops);
        w.number("int8Tops", a.int8Tops);
        w.number("fp4Tflops", a.fp4Tflops);
        w.number("interconnectGBps", a.interconnectGBps);
        w.string("interconnect", a.interconnect);
        w.strings("sources", a.sources);
    });
    writeSection(top, "machineTypes", data.machineTypes, [](ObjectWriter &w, const MachineType &m) {
        w.string("name", m.name);
        w.string("accelerator", m.accelerator);
        w.integer("acceleratorCount", m.acceleratorCount);
        w.string("tpuTopology", m.tpuTopology);
        w.integer("vcpus", m.vcpus);
        w.number("memoryGB", m.memoryGB);
        w.strings("sources", m.sources);
    });
    writeSection(top, "prices", data.prices, [](ObjectWriter &w, const Price &p) {
        w.string("machineType", p.machineType);
        w.string("region", p.region);
        w.string("pricingModel", p.pricingModel);
        w.number("usdPerHour", p.usdPerHour);
        w.string("asOf", p.asOf);
        w.string("source", p.source);
        w.boolean("derived", p.derived);
        w.string("note", p.note);
    });
    writeSection(top, "models", data.models, [](ObjectWriter &w, const Model &m) {
        w.string("id", m.id);
        w.string("family", m.family);
        w.string("architecture", m.architecture);
        w.number("parametersB", m.parametersB);
        w.number("activeParametersB", m.activeParametersB);
        w.number("weightsGB", m.weightsGB);
        w.string("precision", m.precision);
        w.integer("maxContextLength", m.maxContextLength);
        w.strings("sources", m.sources);
    });
    writeSection(top, "modelServers", data.modelServers, [](ObjectWriter &w, const ModelServer &s) {
        w.string("name", s.name);
        w.strings("versions", s.versions);
        w.string("image", s.image);
    });
    writeSection(top, "useCases", data.useCases, [](ObjectWriter &w, const UseCase &u) {
        w.string("name", u.name);
        w.integer("inputLength", u.inputLength, true);
        w.integer("outputLength", u.outputLength, true);
    });
    writeSection(top, "profiles", data.profiles, writeProfile);
    top.finish();
    out.append('\n');
    return out;
}

bool writeCatalogFile(const QString &path, const CatalogData &data, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray bytes = serializeCatalog(data);
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace iq
