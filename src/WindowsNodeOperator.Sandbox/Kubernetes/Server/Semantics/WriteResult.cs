using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>The object after a write, and whether the write created it (201) or changed it (200).</summary>
internal sealed record WriteResult(JsonObject Object, bool Created);
