#pragma once
// Reads a Hugging Face config.json into a ModelArchitecture, with parameter counts computed from the
// config (formula in docs/estimator-inputs.md). Bad input gives an error naming the field; never a crash,
// never a silent guess.

#include "modelarchitecture.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace iq {

struct HfConfigResult
{
    ModelArchitecture model;
    QString error; // "<name>: missing required field num_hidden_layers", empty when ok
    bool ok() const { return error.isEmpty(); }
};

// nameForErrors prefixes every error ("config.json", a path); it also becomes model.id unless the
// config names the model (_name_or_path).
HfConfigResult readHfConfig(const QByteArray &json, const QString &nameForErrors);
HfConfigResult readHfConfigFile(const QString &path);

// The architectures readHfConfig understands ("LlamaForCausalLM", ...).
QStringList supportedHfArchitectures();

// Parameter counts from the architecture fields (used by readHfConfig; exposed for tests and for the
// facts table). Fills totalParamsB, activeParamsB, expertParamsB and embeddingParamsB.
void computeParameterCounts(ModelArchitecture *model);

} // namespace iq
