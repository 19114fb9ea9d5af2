#include "domain.h"

namespace iq {

QString provenanceKindName(Provenance::Kind kind)
{
    switch (kind) {
    case Provenance::Kind::Measured:
        return QStringLiteral("measured");
    case Provenance::Kind::Estimated:
        return QStringLiteral("estimated");
    case Provenance::Kind::Imported:
        return QStringLiteral("imported");
    }
    return {};
}

bool parseProvenanceKind(const QString &name, Provenance::Kind *kind)
{
    for (auto k : {Provenance::Kind::Measured, Provenance::Kind::Estimated, Provenance::Kind::Imported}) {
        if (provenanceKindName(k) == name) {
            *kind = k;
            return true;
        }
    }
    return false;
}

} // namespace iq
