using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>Items of a list and the resourceVersion the list is consistent at.</summary>
internal sealed record ListResult(IReadOnlyList<JsonObject> Items, string ResourceVersion);
