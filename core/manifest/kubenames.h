#pragma once
// Kubernetes name rules (DNS-1123 / DNS-1035, label values) and the deterministic names the manifest
// generator derives from a model id. Every check returns an empty string when the value is valid, else
// one sentence naming the value and the rule it breaks.

#include <QString>

namespace iq::manifest {

// Longest --name accepted: the Service is called <name>-service and a Service name is a DNS-1035 label
// (at most 63 characters), so 63 - strlen("-service") = 55.
inline constexpr int kMaxWorkloadNameLength = 55;

// DNS-1123 label: 1-63 chars, [a-z0-9-], starts and ends alphanumeric (namespaces).
QString checkDns1123Label(const QString &what, const QString &value);
// DNS-1035 label: like DNS-1123 but starts with a letter (Service names, and so our workload names).
QString checkDns1035Label(const QString &what, const QString &value, int maxLength = 63);
// DNS-1123 subdomain: 1-253 chars, dot-separated DNS-1123 labels (Secret names).
QString checkDns1123Subdomain(const QString &what, const QString &value);
// Label value: empty, or 1-63 chars of [A-Za-z0-9-_.] starting and ending alphanumeric.
QString checkLabelValue(const QString &what, const QString &value);

// A valid label value that best represents `text` (model ids contain '/', which label values do not allow):
// every run of disallowed characters becomes one '-', ends trimmed, and when longer than 63 it is cut to
// 56 characters + '-' + the first 6 hex digits of SHA-256(text) so that distinct long inputs stay distinct.
QString toLabelValue(const QString &text);

// The default workload name: "<server>-<last segment of the model id>", lowercased, runs of characters
// outside [a-z0-9] replaced by one '-', trimmed; "m-" prefixed when it does not start with a letter; cut to
// kMaxWorkloadNameLength with a 6-hex-digit SHA-256 suffix of the untruncated name when longer.
// Example: ("vllm", "meta-llama/Llama-3.1-8B-Instruct") -> "vllm-llama-3-1-8b-instruct".
QString deriveWorkloadName(const QString &modelServer, const QString &modelId);

// gs://BUCKET[/DIR]: bucket name per Cloud Storage rules (3-63 chars per dot-separated part, 222 total,
// [a-z0-9-_.], starts/ends alphanumeric, no "goog" prefix, not an IP address); DIR without empty, "." or ".."
// segments, control characters or commas (the FUSE mount options are comma-separated).
struct BucketUri
{
    QString bucket;
    QString dir; // without leading/trailing '/', empty for the bucket root
};
QString parseBucketUri(const QString &uri, BucketUri *out);

// A container image tag: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}.
QString checkImageTag(const QString &what, const QString &value);

} // namespace iq::manifest
