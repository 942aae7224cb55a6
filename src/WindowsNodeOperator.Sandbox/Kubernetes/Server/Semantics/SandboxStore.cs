using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>The in-process face of <see cref="ResourceService"/>: resources named by apiVersion and kind or plural.</summary>
internal sealed class SandboxStore : ISandboxStore
{
    private readonly ResourceService _service;

    public SandboxStore(ResourceService service)
    {
        _service = service;
        service.Store.Committed += change => Changed?.Invoke(this, new SandboxWatchEvent(change.Type, (JsonObject)change.Object.DeepClone()));
    }

    public event EventHandler<SandboxWatchEvent>? Changed;

    public JsonObject Create(JsonObject obj, bool dryRun = false)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var type = Resolve(Meta.Str(obj, "apiVersion") ?? "", Meta.Str(obj, "kind") ?? "");
        return _service.Create(type, Meta.Namespace(obj), obj, new WriteOptions { DryRun = dryRun });
    }

    public JsonObject Restore(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var type = Resolve(Meta.Str(obj, "apiVersion") ?? "", Meta.Str(obj, "kind") ?? "");
        return _service.Create(type, Meta.Namespace(obj), obj, new WriteOptions { KeepCreationTimestamp = true });
    }

    public JsonObject? Find(string apiVersion, string kindOrPlural, string? ns, string name)
    {
        try
        {
            return _service.Get(Resolve(apiVersion, kindOrPlural), ns, name);
        }
        catch (SandboxApiException ex) when (ex.Code == 404)
        {
            return null;
        }
    }

    public IReadOnlyList<JsonObject> List(string apiVersion, string kindOrPlural, string? ns = null, string? labelSelector = null, string? fieldSelector = null) =>
        _service.List(Resolve(apiVersion, kindOrPlural), ns, SelectorFilter.Parse(labelSelector, fieldSelector)).Items;

    public JsonObject Update(JsonObject obj, string? subresource = null)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var type = Resolve(Meta.Str(obj, "apiVersion") ?? "", Meta.Str(obj, "kind") ?? "");
        return _service.Update(type, Meta.Namespace(obj) ?? (type.Namespaced ? "default" : null), Meta.Name(obj), obj, subresource, new WriteOptions());
    }

    public JsonObject Patch(string apiVersion, string kindOrPlural, string? ns, string name, SandboxPatchType type, JsonNode patch, string? subresource = null, string? fieldManager = null)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var kind = type switch
        {
            SandboxPatchType.Json => PatchKind.Json,
            SandboxPatchType.Merge => PatchKind.Merge,
            SandboxPatchType.StrategicMerge => PatchKind.StrategicMerge,
            _ => PatchKind.Apply,
        };
        var options = new WriteOptions { FieldManager = fieldManager ?? (kind == PatchKind.Apply ? "sandbox" : null) };
        return _service.Patch(Resolve(apiVersion, kindOrPlural), ns, name, kind, patch.ToJsonString(), subresource, options).Object;
    }

    public JsonObject? Delete(string apiVersion, string kindOrPlural, string? ns, string name, long? gracePeriodSeconds = null)
    {
        try
        {
            return _service.Delete(Resolve(apiVersion, kindOrPlural), ns, name, new DeleteOptions { GracePeriodSeconds = gracePeriodSeconds });
        }
        catch (SandboxApiException ex) when (ex.Code == 404)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<SandboxWatchEvent> WatchAsync(string apiVersion, string kindOrPlural, string? ns = null, string? resourceVersion = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var type = Resolve(apiVersion, kindOrPlural);
        using var subscription = _service.Watch(type, ns, resourceVersion);
        await foreach (var change in subscription.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            subscription.Delivered();
            yield return new SandboxWatchEvent(change.Type, Conversions.FromStorage(type, change.Object));
        }
    }

    public int UndeliveredWatchEvents
    {
        get
        {
            lock (_service.Store.Sync)
            {
                return _service.Store.UndeliveredWatchEvents;
            }
        }
    }

    public void CompactHistory()
    {
        lock (_service.Store.Sync)
        {
            _service.Store.Compact();
        }
    }

    private ResourceType Resolve(string apiVersion, string kindOrPlural) =>
        _service.Catalog.Find(apiVersion, kindOrPlural)
        ?? throw ApiErrors.PathNotFound();
}
