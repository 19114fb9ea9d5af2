#pragma once
// Building YAML trees with typed scalars and writing them so that every string stays a string.
//
// yaml-cpp's nodes do not remember whether a scalar was a string or a number, and its emitter writes
// a string such as "true", "8000" or "no" plain, which Kubernetes (YAML 1.1 via sigs.k8s.io/yaml) then
// reads as a boolean or a number. Strings made with str() carry the tag !!str; writeYaml() writes such a
// scalar plain only when it is unmistakably a string (^[A-Za-z/][A-Za-z0-9_./-]*$ and not a YAML 1.1
// boolean/null word), otherwise double-quoted with escapes, so typed-in values cannot change the structure.

#include <QString>

#include <yaml-cpp/yaml.h>

namespace iq::manifest {

YAML::Node str(const QString &value);
YAML::Node str(const char *latin1);
YAML::Node num(long long value);
YAML::Node boolean(bool value);

// True when `value` may be written as a plain scalar and still read back as that string by YAML 1.1 and
// 1.2 parsers.
bool isSafePlainString(const QString &value);

// Block-style YAML for one document, without "---" and without a trailing newline.
QString writeYaml(const YAML::Node &node);

// Structural equality: same map keys (order-insensitive), same sequence elements in order, same scalar text.
// On difference, *where gets a path such as "spec.template.spec.containers[0].args[2]".
bool sameYaml(const YAML::Node &a, const YAML::Node &b, QString *where = nullptr);

} // namespace iq::manifest
