using System.Globalization;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Storage;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>
/// The one implementation of API semantics (resourceVersion, uid, generation, status rules,
/// admission, finalizers, patches) shared by the HTTP handlers and the in-process store.
/// </summary>
internal sealed partial class ResourceService
{
    private readonly Admission _admission;
    private readonly DisruptionBudgetStatus _budgets;
    private readonly Func<int, int> _random;

    /// <param name="random">Draws generated name suffixes (an index below its argument); a seeded one makes them repeatable.</param>
    public ResourceService(ObjectStore store, ResourceCatalog catalog, TimeProvider time, Func<int, int>? random = null)
    {
        _random = random ?? System.Security.Cryptography.RandomNumberGenerator.GetInt32;
        Store = store;
        Catalog = catalog;
        Time = time;
        _admission = new Admission(time);
        _budgets = new DisruptionBudgetStatus(store, time);
    }

    public ObjectStore Store { get; }

    public ResourceCatalog Catalog { get; }

    public TimeProvider Time { get; }

    public JsonObject Get(ResourceType type, string? ns, string name)
    {
        lock (Store.Sync)
        {
            return Conversions.FromStorage(type, Existing(type, ns, name));
        }
    }

    public ListResult List(ResourceType type, string? ns, Func<JsonObject, bool>? filter = null)
    {
        lock (Store.Sync)
        {
            // Selectors read labels, names and fields the storage form shares with the served one (events aside):
            // filter first, so a selective list copies only what it returns.
            var stored = Store.List(type.StorageKey, type.Namespaced ? ns : null);
            var items = Conversions.StorageType(type) == type
                ? stored.Where(o => filter is null || filter(o)).Select(o => Conversions.FromStorage(type, o)).ToList()
                : stored.Select(o => Conversions.FromStorage(type, o)).Where(o => filter is null || filter(o)).ToList();
            return new ListResult(items, Store.ResourceVersion.ToString(CultureInfo.InvariantCulture));
        }
    }

    public WatchSubscription Watch(ResourceType type, string? ns, string? resourceVersion)
    {
        long? from = null;
        if (!string.IsNullOrEmpty(resourceVersion) && resourceVersion != "0")
        {
            if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw ApiErrors.BadRequest($"resourceVersion: Invalid value: \"{resourceVersion}\": must be a number");
            }

            from = parsed;
        }

        lock (Store.Sync)
        {
            return Store.Subscribe(type.StorageKey, type.Namespaced ? ns : null, from)
                ?? throw ApiErrors.Gone($"too old resource version: {from} ({Store.OldestWatchableResourceVersion})");
        }
    }

    public JsonObject Create(ResourceType type, string? ns, JsonObject body, WriteOptions options)
    {
        lock (Store.Sync)
        {
            return CreateLocked(type, ns, body, options);
        }
    }

    public JsonObject Update(ResourceType type, string? ns, string name, JsonObject body, string? subresource, WriteOptions options)
    {
        lock (Store.Sync)
        {
            return UpdateLocked(type, ns, name, body, subresource, options);
        }
    }

    public JsonObject Delete(ResourceType type, string? ns, string name, DeleteOptions options)
    {
        lock (Store.Sync)
        {
            return DeleteLocked(type, ns, name, options);
        }
    }

    private JsonObject CreateLocked(ResourceType type, string? ns, JsonObject body, WriteOptions options)
    {
        var obj = (JsonObject)body.DeepClone();
        CheckTypeMeta(type, obj);
        var storageType = Conversions.StorageType(type);
        obj = Conversions.ToStorage(type, obj);
        var metadata = Meta.Metadata(obj);
        ns = ResolveNamespace(type, ns, obj);
        var name = Meta.Name(obj);
        if (name.Length == 0)
        {
            var generateName = Meta.Str(metadata, "generateName");
            if (string.IsNullOrEmpty(generateName))
            {
                throw ApiErrors.Invalid(type, "", [FieldProblem.Required("metadata.name", "name or generateName is required")]);
            }

            // A suffix already taken is answered 409 AlreadyExists below; the client tries again with a fresh one.
            name = GenerateName(generateName);
            metadata["name"] = name;
        }

        if (ns is not null && Store.Get(BuiltInResources.Namespaces.StorageKey, null, ns) is null)
        {
            throw ApiErrors.NotFound("", "namespaces", ns);
        }

        if (Store.Get(storageType.StorageKey, ns, name) is not null)
        {
            throw ApiErrors.AlreadyExists(type, name);
        }

        _admission.PrepareCreate(Typed(type, storageType), obj, options);
        if (options.DryRun)
        {
            return Conversions.FromStorage(type, obj);
        }

        Commit(storageType, obj, null);
        return Conversions.FromStorage(type, obj);
    }

    private JsonObject UpdateLocked(ResourceType type, string? ns, string name, JsonObject body, string? subresource, WriteOptions options)
    {
        var storageType = Conversions.StorageType(type);
        var current = Existing(type, ns, name);
        var next = (JsonObject)body.DeepClone();
        CheckTypeMeta(type, next);
        next = Conversions.ToStorage(type, next);
        var bodyName = Meta.Name(next);
        if (bodyName.Length > 0 && bodyName != name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var bodyNamespace = Meta.Namespace(next);
        if (type.Namespaced && !string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != ns)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        var expected = Meta.ResourceVersion(next);
        if (!string.IsNullOrEmpty(expected) && expected != Meta.ResourceVersion(current))
        {
            throw ApiErrors.Conflict(type, name);
        }

        _admission.PrepareUpdate(Typed(type, storageType), next, current, subresource, options);
        Meta.Metadata(next)["resourceVersion"] = Meta.ResourceVersion(current);
        if (JsonNode.DeepEquals(next, current))
        {
            // A no-op write keeps the resourceVersion and sends no watch event, as etcd3 storage does.
            return Conversions.FromStorage(type, current);
        }

        if (options.DryRun)
        {
            return Conversions.FromStorage(type, next);
        }

        if (Meta.IsDeleting(next) && Meta.Finalizers(next).Count == 0)
        {
            return Conversions.FromStorage(type, Remove(storageType, next));
        }

        Commit(storageType, next, current);
        return Conversions.FromStorage(type, next);
    }

    private JsonObject DeleteLocked(ResourceType type, string? ns, string name, DeleteOptions options)
    {
        var storageType = Conversions.StorageType(type);
        var current = Existing(type, ns, name);
        if (options.PreconditionUid is { } uid && uid != Meta.Uid(current))
        {
            throw ApiErrors.ConflictWith(type, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {Meta.Uid(current)}");
        }

        if (options.PreconditionResourceVersion is { } rv && rv != Meta.ResourceVersion(current))
        {
            throw ApiErrors.ConflictWith(type, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {Meta.ResourceVersion(current)}");
        }

        // A pod on a node is deleted gracefully: marked Terminating until its kubelet confirms; an object with finalizers
        // is marked until they are removed (https://kubernetes.io/docs/concepts/overview/working-with-objects/finalizers/).
        var pod = storageType == BuiltInResources.Pods;
        var grace = pod ? PodGracefulDeletion.GracePeriod(current, options.GracePeriodSeconds) : options.GracePeriodSeconds ?? 0;
        if ((pod && grace > 0) || Meta.Finalizers(current).Count > 0)
        {
            // A pod's deletionTimestamp is when its grace period ends, not when it was asked; a second deletion may only
            // shorten it (https://kubernetes.io/docs/concepts/workloads/pods/pod-termination/).
            var deadline = Time.GetUtcNow().AddSeconds(pod ? grace : 0);
            if (Meta.IsDeleting(current) && !(pod && PodGracefulDeletion.Shortens(current, deadline)))
            {
                return Conversions.FromStorage(type, current);
            }

            var marked = (JsonObject)current.DeepClone();
            var metadata = Meta.Metadata(marked);
            metadata["deletionTimestamp"] = Meta.Time(deadline);
            metadata["deletionGracePeriodSeconds"] = grace;
            if (!options.DryRun)
            {
                Commit(storageType, marked, current);
            }

            return Conversions.FromStorage(type, marked);
        }

        return Conversions.FromStorage(type, options.DryRun ? current : Remove(storageType, current));
    }

    private JsonObject Existing(ResourceType type, string? ns, string name) =>
        Store.Get(type.StorageKey, type.Namespaced ? ns : null, name) ?? throw ApiErrors.NotFound(type, name);

    private void Commit(ResourceType storageType, JsonObject obj, JsonObject? previous)
    {
        Meta.Metadata(obj)["resourceVersion"] = Store.NextResourceVersion().ToString(CultureInfo.InvariantCulture);
        Store.Put(storageType.StorageKey, obj, previous);
        AfterCommit(storageType, obj, previous, deleted: false);
    }

    private JsonObject Remove(ResourceType storageType, JsonObject current)
    {
        var final = (JsonObject)current.DeepClone();
        Meta.Metadata(final)["resourceVersion"] = Store.NextResourceVersion().ToString(CultureInfo.InvariantCulture);
        Store.Remove(storageType.StorageKey, final);
        AfterCommit(storageType, final, current, deleted: true);
        return final;
    }

    private void AfterCommit(ResourceType storageType, JsonObject obj, JsonObject? previous, bool deleted)
    {
        if (storageType == BuiltInResources.CustomResourceDefinitions)
        {
            OnCustomResourceDefinitionChanged(obj, deleted);
        }
        else if (storageType == BuiltInResources.Namespaces && deleted)
        {
            RemoveNamespaceContents(Meta.Name(obj));
        }
        else if (storageType == BuiltInResources.Pods)
        {
            _budgets.Refresh(Meta.Namespace(obj) ?? "", obj, previous);
        }
        else if (storageType == BuiltInResources.PodDisruptionBudgets)
        {
            _budgets.Refresh(Meta.Namespace(obj) ?? "");
        }
    }

    private void OnCustomResourceDefinitionChanged(JsonObject crd, bool deleted)
    {
        var name = Meta.Name(crd);
        var types = CustomResourceTypes.From(crd);
        if (!deleted)
        {
            Catalog.Register(name, types);
            return;
        }

        Catalog.Unregister(name);
        if (types.Count > 0 && types[0] is { } type)
        {
            foreach (var obj in Store.List(type.StorageKey, null))
            {
                Remove(type, obj);
            }
        }
    }

    private void RemoveNamespaceContents(string ns)
    {
        foreach (var type in Catalog.All.Where(t => t.Namespaced && t.SharedStorageKey is null))
        {
            foreach (var obj in Store.List(type.StorageKey, ns))
            {
                Remove(type, obj);
            }
        }
    }

    private static ResourceType Typed(ResourceType requested, ResourceType storageType) =>
        requested == BuiltInResources.NewEvents ? storageType : requested;

    private static string? ResolveNamespace(ResourceType type, string? ns, JsonObject obj)
    {
        var metadata = Meta.Metadata(obj);
        if (!type.Namespaced)
        {
            metadata.Remove("namespace");
            return null;
        }

        var bodyNamespace = Meta.Str(metadata, "namespace");
        if (!string.IsNullOrEmpty(ns) && !string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != ns)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        var resolved = !string.IsNullOrEmpty(ns) ? ns : string.IsNullOrEmpty(bodyNamespace) ? "default" : bodyNamespace;
        metadata["namespace"] = resolved;
        return resolved;
    }

    private static void CheckTypeMeta(ResourceType type, JsonObject obj)
    {
        var apiVersion = Meta.Str(obj, "apiVersion");
        var kind = Meta.Str(obj, "kind");
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.ApiVersion)
        {
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
        {
            throw ApiErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }

        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
        if (obj["metadata"] is not JsonObject)
        {
            obj["metadata"] = new JsonObject();
        }

        // Clients may not set these; the server owns them.
        Meta.Metadata(obj).Remove("selfLink");
    }

    private string GenerateName(string prefix)
    {
        // The alphabet of k8s.io/apiserver's SimpleNameGenerator (no vowels, no confusable digits).
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var suffix = new char[5];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = alphabet[_random(alphabet.Length)];
        }

        return prefix + new string(suffix);
    }
}
