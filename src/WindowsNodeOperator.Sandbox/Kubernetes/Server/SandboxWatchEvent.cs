using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server;

/// <summary>A watch event: ADDED, MODIFIED or DELETED and the object.</summary>
public sealed record SandboxWatchEvent(string Type, JsonObject Resource);
