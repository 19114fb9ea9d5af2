#!/usr/bin/python3
"""Checks generated Kubernetes objects against the model classes of the Python Kubernetes client.

Reads a JSON array of objects on stdin. For each Deployment, Service and HorizontalPodAutoscaler: every
field name must exist in the client's model (camelCase JSON name), every value must have the model's type
(str, int, bool, list[...], dict(str, ...), nested models), and the client's own deserialisation (which
enforces required fields) must accept it. Custom resources (PodMonitoring, ServiceMonitor) get their
metadata checked. Every resource quantity must match the Kubernetes quantity grammar.
Prints one line per problem ("Kind/name: path: problem") and exits 1 when there is any; exits 3 when the
client library is missing (the test skips).

autoscaling/v2 is checked with the client's V2beta2 models: python3-kubernetes 22.6 (Kubernetes 1.22)
predates the v2 GA, whose schema is field-for-field the same as v2beta2.
"""
import json
import re
import sys

try:
    import kubernetes.client as k8s
    from kubernetes.client.api_client import ApiClient
except ImportError:
    sys.exit(3)

MODELS = {
    ("apps/v1", "Deployment"): "V1Deployment",
    ("v1", "Service"): "V1Service",
    ("autoscaling/v2", "HorizontalPodAutoscaler"): "V2beta2HorizontalPodAutoscaler",
}
# Kubernetes resource.Quantity: sign, digits with optional fraction, then a binary or decimal SI suffix or
# a decimal exponent.
QUANTITY = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$")

problems = []


def check(value, type_name, path):
    if type_name == "object":
        return
    if type_name == "str":
        if not isinstance(value, str):
            problems.append(f"{path}: expected a string, got {json.dumps(value)}")
        return
    if type_name == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{path}: expected an integer, got {json.dumps(value)}")
        return
    if type_name == "float":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append(f"{path}: expected a number, got {json.dumps(value)}")
        return
    if type_name == "bool":
        if not isinstance(value, bool):
            problems.append(f"{path}: expected a boolean, got {json.dumps(value)}")
        return
    if type_name == "datetime":
        if not isinstance(value, str):
            problems.append(f"{path}: expected a timestamp string")
        return
    m = re.match(r"^list\[(.*)\]$", type_name)
    if m:
        if not isinstance(value, list):
            problems.append(f"{path}: expected a list")
            return
        for i, item in enumerate(value):
            check(item, m.group(1), f"{path}[{i}]")
        return
    m = re.match(r"^dict\(str, (.*)\)$", type_name)
    if m:
        if not isinstance(value, dict):
            problems.append(f"{path}: expected a map")
            return
        for k, v in value.items():
            check(v, m.group(1), f"{path}.{k}")
        return
    model = getattr(k8s, type_name, None)
    if model is None:
        problems.append(f"{path}: unknown model type {type_name}")
        return
    if not isinstance(value, dict):
        problems.append(f"{path}: expected an object ({type_name})")
        return
    by_json = {json_name: attr for attr, json_name in model.attribute_map.items()}
    for key, item in value.items():
        attr = by_json.get(key)
        if attr is None:
            problems.append(f"{path}.{key}: no such field in {type_name}")
            continue
        check(item, model.openapi_types[attr], f"{path}.{key}")


def check_quantities(node, path):
    if isinstance(node, dict):
        for key, value in node.items():
            sub = f"{path}.{key}"
            if key in ("requests", "limits") and isinstance(value, dict):
                for resource, quantity in value.items():
                    if not isinstance(quantity, str) or not QUANTITY.match(quantity):
                        problems.append(f"{sub}.{resource}: {json.dumps(quantity)} is not a quantity")
            elif key == "averageValue" and (not isinstance(value, str) or not QUANTITY.match(value)):
                problems.append(f"{sub}: {json.dumps(value)} is not a quantity")
            else:
                check_quantities(value, sub)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            check_quantities(item, f"{path}[{i}]")


def main():
    objects = json.load(sys.stdin)
    client = ApiClient()
    checked = 0
    for obj in objects:
        where = f"{obj.get('kind')}/{obj.get('metadata', {}).get('name')}"
        before = len(problems)
        model = MODELS.get((obj.get("apiVersion"), obj.get("kind")))
        if model:
            check(obj, model, where)
            try:
                # The client's deserialiser enforces required fields and enum-free types.
                client._ApiClient__deserialize(obj, model)
            except Exception as e:  # noqa: BLE001 - report whatever the client rejects
                problems.append(f"{where}: rejected by {model}: {e}")
        else:
            check(obj.get("metadata", {}), "V1ObjectMeta", where + ".metadata")
        check_quantities(obj, where)
        checked += 1
        for p in problems[before:]:
            print(p if p.startswith(where) else f"{where}: {p}")
    print(f"checked {checked} objects", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
