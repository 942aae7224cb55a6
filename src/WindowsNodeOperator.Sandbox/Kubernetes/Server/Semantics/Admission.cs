using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>
/// What kube-apiserver's strategies do to an object before it is stored: system metadata, status
/// and generation rules, custom resource pruning/defaulting/validation, per-kind defaults.
/// </summary>
internal sealed class Admission(TimeProvider time)
{
    public void PrepareCreate(ResourceType type, JsonObject obj, WriteOptions options)
    {
        var metadata = Meta.Metadata(obj);
        metadata["uid"] = Guid.NewGuid().ToString();
        if (!options.KeepCreationTimestamp || metadata["creationTimestamp"] is null)
        {
            metadata["creationTimestamp"] = Meta.Time(time.GetUtcNow());
        }
        metadata.Remove("deletionTimestamp");
        metadata.Remove("deletionGracePeriodSeconds");
        metadata.Remove("resourceVersion");
        if (type.TracksGeneration || type.IsCustom)
        {
            metadata["generation"] = 1;
        }
        else
        {
            metadata.Remove("generation");
        }

        if (type.IsCustom && type.HasStatus)
        {
            // https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#status-subresource
            obj.Remove("status");
        }

        ApplyKindDefaults(type, obj);
        ApplySchema(type, obj, options);
        Validate(type, obj);
    }

    public void PrepareUpdate(ResourceType type, JsonObject next, JsonObject current, string? subresource, WriteOptions options)
    {
        if (subresource == "status")
        {
            var status = next["status"]?.DeepClone();
            next.Clear();
            foreach (var (key, value) in current)
            {
                next[key] = value?.DeepClone();
            }

            next.Remove("status");
            if (status is not null)
            {
                next["status"] = status;
            }
        }
        else if (type.HasStatus)
        {
            next.Remove("status");
            if (current["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
        }

        var metadata = Meta.Metadata(next);
        var old = Meta.Metadata(current);
        foreach (var key in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", "name", "generation" })
        {
            metadata.Remove(key);
            if (old[key] is { } value)
            {
                metadata[key] = value.DeepClone();
            }
        }

        if (metadata["managedFields"] is null && old["managedFields"] is { } managed)
        {
            metadata["managedFields"] = managed.DeepClone();
        }

        ApplyKindDefaults(type, next);
        ApplySchema(type, next, options);
        if ((type.TracksGeneration || type.IsCustom) && GenerationRelevantChange(type, next, current))
        {
            metadata["generation"] = (Meta.Long(old["generation"]) ?? 0) + 1;
        }

        Validate(type, next);
    }

    private static bool GenerationRelevantChange(ResourceType type, JsonObject next, JsonObject current)
    {
        if (type.HasStatus)
        {
            return !JsonNode.DeepEquals(Meta.SpecPart(next), Meta.SpecPart(current));
        }

        var a = (JsonObject)next.DeepClone();
        var b = (JsonObject)current.DeepClone();
        a.Remove("metadata");
        b.Remove("metadata");
        return !JsonNode.DeepEquals(a, b);
    }

    private void ApplyKindDefaults(ResourceType type, JsonObject obj)
    {
        if (type == BuiltInResources.Namespaces)
        {
            obj["status"] ??= new JsonObject { ["phase"] = "Active" };
        }
        else if (type == BuiltInResources.Pods)
        {
            obj["status"] ??= new JsonObject { ["phase"] = "Pending" };
        }
        else if (type == BuiltInResources.CustomResourceDefinitions)
        {
            CustomResourceDefinitionStatus.Apply(obj, time.GetUtcNow());
        }
    }

    private static void ApplySchema(ResourceType type, JsonObject obj, WriteOptions options)
    {
        if (type.Schema is not { } schema)
        {
            return;
        }

        var before = (JsonObject)obj.DeepClone();
        schema.Prune(obj);
        var unknown = UnknownFields.Diff(before, obj).Where(p => !p.StartsWith("metadata", StringComparison.Ordinal)).ToList();
        if (unknown.Count > 0 && options.FieldValidation == FieldValidation.Strict)
        {
            // Strict field validation fails the request naming every unknown field.
            var errors = unknown.Select(p => $"unknown field \"{p}\"").ToList();
            var message = errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]";
            throw ApiErrors.BadRequest($"strict decoding error: {message}");
        }

        if (options.FieldValidation == FieldValidation.Warn)
        {
            options.Warnings.AddRange(unknown.Select(p => $"unknown field \"{p}\""));
        }

        schema.ApplyDefaults(obj);
    }

    private static void Validate(ResourceType type, JsonObject obj)
    {
        var problems = new List<FieldProblem>();
        var name = Meta.Name(obj);
        var problem = type.Group == "rbac.authorization.k8s.io"
            ? NameValidation.CheckPathSegment(name)
            : NameValidation.Check(name, labelOnly: type == BuiltInResources.Namespaces);
        if (problem is { } nameProblem)
        {
            problems.Add(nameProblem);
        }

        if (type.Schema is { } schema)
        {
            problems.AddRange(schema.Validate(obj));
        }

        if (type == BuiltInResources.CustomResourceDefinitions)
        {
            problems.AddRange(CustomResourceTypes.Validate(obj));
        }

        if (problems.Count > 0)
        {
            throw ApiErrors.Invalid(type, name, problems);
        }
    }
}
