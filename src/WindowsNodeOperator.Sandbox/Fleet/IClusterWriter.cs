using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>Where the seeded objects go: the sandbox API server's store, or any Kubernetes API.</summary>
public interface IClusterWriter
{
    /// <summary>Creates the object (its <c>status</c> included, as a kubelet or controller would set it) and returns it as stored.</summary>
    Task<JsonObject> CreateAsync(JsonObject obj, CancellationToken ct);
}
