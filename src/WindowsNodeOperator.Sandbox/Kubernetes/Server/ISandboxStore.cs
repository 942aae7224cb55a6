using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server;

/// <summary>
/// In-process access to the sandbox API server's objects, with exactly the semantics of its HTTP API
/// (resourceVersion, uid, generation, defaults, validation, admission). Errors are <see cref="SandboxApiException"/>.
/// </summary>
public interface ISandboxStore
{
    /// <summary>Raised, under the store's lock, for every committed change (objects in storage form); keep handlers short.</summary>
    event EventHandler<SandboxWatchEvent>? Changed;

    /// <summary>Creates an object named by its own apiVersion, kind and metadata.</summary>
    JsonObject Create(JsonObject obj, bool dryRun = false);

    /// <summary>Creates an object that existed before the sandbox started, keeping the creationTimestamp it carries.</summary>
    JsonObject Restore(JsonObject obj);

    /// <summary>Gets an object, or null when it does not exist.</summary>
    JsonObject? Find(string apiVersion, string kindOrPlural, string? ns, string name);

    IReadOnlyList<JsonObject> List(string apiVersion, string kindOrPlural, string? ns = null, string? labelSelector = null, string? fieldSelector = null);

    /// <summary>Replaces an object (PUT), checking its resourceVersion when set; subresource "status" writes only status.</summary>
    JsonObject Update(JsonObject obj, string? subresource = null);

    JsonObject Patch(string apiVersion, string kindOrPlural, string? ns, string name, SandboxPatchType type, JsonNode patch, string? subresource = null, string? fieldManager = null);

    /// <summary>
    /// Deletes (or, with finalizers or a pod's grace period, marks for deletion); null when it did not exist. A
    /// <paramref name="gracePeriodSeconds"/> of 0 removes a pod at once, as a kubelet confirming it or a force delete does.
    /// </summary>
    JsonObject? Delete(string apiVersion, string kindOrPlural, string? ns, string name, long? gracePeriodSeconds = null);

    /// <summary>Watches from a resourceVersion (null or "0": ADDED for every current object first).</summary>
    IAsyncEnumerable<SandboxWatchEvent> WatchAsync(string apiVersion, string kindOrPlural, string? ns = null, string? resourceVersion = null, CancellationToken ct = default);

    /// <summary>
    /// Changes committed but not yet sent on every open watch (written and flushed to the HTTP stream, or handed to an
    /// in-process reader): a harness stepping a fake clock waits for 0 before it calls a client quiet.
    /// </summary>
    int UndeliveredWatchEvents { get; }

    /// <summary>Drops the watch history, as etcd compaction does: older resourceVersions then get 410 Gone.</summary>
    void CompactHistory();
}
