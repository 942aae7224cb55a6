using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>Seeds straight into the sandbox API server's store, keeping the creation times of nodes that booted before it started.</summary>
public sealed class StoreClusterWriter(ISandboxStore store) : IClusterWriter
{
    public Task<JsonObject> CreateAsync(JsonObject obj, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(store.Restore(obj));
    }
}
