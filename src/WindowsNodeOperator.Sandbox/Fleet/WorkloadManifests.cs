using System.Globalization;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>Builds the workload objects of the simulated fleet: Deployments, ReplicaSets, DaemonSets, their pods and PDBs.</summary>
public static class WorkloadManifests
{
    public static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name },
    };

    public static JsonObject Deployment(WorkloadOptions workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = Metadata(workload.Namespace, workload.Name, workload.Name),
            ["spec"] = new JsonObject
            {
                ["replicas"] = workload.Replicas,
                ["selector"] = Selector(workload.Name),
                ["template"] = Template(workload),
            },
            ["status"] = ReplicaStatus(workload.Replicas),
        };
    }

    public static JsonObject ReplicaSet(WorkloadOptions workload, string name, JsonObject deployment)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var metadata = Metadata(workload.Namespace, name, workload.Name);
        metadata["ownerReferences"] = new JsonArray(OwnerReference(deployment));
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["replicas"] = workload.Replicas,
                ["selector"] = Selector(workload.Name),
                ["template"] = Template(workload),
            },
            ["status"] = ReplicaStatus(workload.Replicas),
        };
    }

    public static JsonObject DaemonSet(DaemonSetOptions daemonSet, int scheduled)
    {
        ArgumentNullException.ThrowIfNull(daemonSet);
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "DaemonSet",
            ["metadata"] = Metadata(daemonSet.Namespace, daemonSet.Name, daemonSet.Name),
            ["spec"] = new JsonObject
            {
                ["selector"] = Selector(daemonSet.Name),
                ["template"] = Template(daemonSet.Name, daemonSet.Os, daemonSet.Image, "system-node-critical", emptyDir: false),
            },
            ["status"] = new JsonObject
            {
                ["desiredNumberScheduled"] = scheduled,
                ["currentNumberScheduled"] = scheduled,
                ["numberReady"] = scheduled,
                ["numberAvailable"] = scheduled,
                ["updatedNumberScheduled"] = scheduled,
                ["numberMisscheduled"] = 0,
            },
        };
    }

    public static JsonObject PodDisruptionBudget(WorkloadOptions workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var spec = new JsonObject { ["selector"] = Selector(workload.Name) };
        if (workload.MinAvailable is { } min)
        {
            spec["minAvailable"] = IntOrString(min);
        }

        if (workload.MaxUnavailable is { } max)
        {
            spec["maxUnavailable"] = IntOrString(max);
        }

        return new JsonObject
        {
            ["apiVersion"] = "policy/v1",
            ["kind"] = "PodDisruptionBudget",
            ["metadata"] = Metadata(workload.Namespace, workload.Name, workload.Name),
            ["spec"] = spec,
        };
    }

    /// <summary>A running, Ready pod of <paramref name="owner"/> bound to <paramref name="node"/>.</summary>
    public static JsonObject Pod(string name, JsonObject owner, SimulatedInstance node, string podIp, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(node);
        var ownerMetadata = owner["metadata"]!.AsObject();
        var app = ownerMetadata["labels"]!["app.kubernetes.io/name"]!.GetValue<string>();
        var metadata = Metadata(ownerMetadata["namespace"]!.GetValue<string>(), name, app);
        metadata["ownerReferences"] = new JsonArray(OwnerReference(owner));
        if (owner["spec"]!["template"]!["metadata"]?["annotations"] is JsonObject annotations)
        {
            metadata["annotations"] = annotations.DeepClone();
        }

        var spec = owner["spec"]!["template"]!["spec"]!.DeepClone().AsObject();
        spec["nodeName"] = node.NodeName;
        if (owner["kind"]?.GetValue<string>() == "DaemonSet")
        {
            // The DaemonSet controller's own: its pods stay on a node that is not ready or unreachable
            // (https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#taints-and-tolerations).
            spec["tolerations"] = new JsonArray(
                new JsonObject { ["key"] = "node.kubernetes.io/not-ready", ["operator"] = "Exists", ["effect"] = "NoExecute" },
                new JsonObject { ["key"] = "node.kubernetes.io/unreachable", ["operator"] = "Exists", ["effect"] = "NoExecute" });
        }

        var started = startedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var containerName = spec["containers"]![0]!["name"]!.GetValue<string>();
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["phase"] = "Running",
                ["hostIP"] = node.PrivateIp,
                ["podIP"] = podIp,
                ["startTime"] = started,
                ["qosClass"] = "Burstable",
                ["conditions"] = new JsonArray(
                    PodCondition("PodScheduled", started),
                    PodCondition("Initialized", started),
                    PodCondition("ContainersReady", started),
                    PodCondition("Ready", started)),
                ["containerStatuses"] = new JsonArray(new JsonObject
                {
                    ["name"] = containerName,
                    ["image"] = spec["containers"]![0]!["image"]!.GetValue<string>(),
                    ["imageID"] = string.Empty,
                    ["ready"] = true,
                    ["started"] = true,
                    ["restartCount"] = 0,
                    ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = started } },
                }),
            },
        };
    }

    private static JsonObject Metadata(string ns, string name, string app) => new()
    {
        ["name"] = name,
        ["namespace"] = ns,
        ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = app },
    };

    private static JsonObject Selector(string app) => new()
    {
        ["matchLabels"] = new JsonObject { ["app.kubernetes.io/name"] = app },
    };

    private static JsonObject NodeSelector(NodeOs os, IReadOnlyDictionary<string, string>? extra)
    {
        var selector = new JsonObject { ["kubernetes.io/os"] = os == NodeOs.Windows ? "windows" : "linux" };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            selector[key] = value;
        }

        return selector;
    }

    private static JsonObject Template(WorkloadOptions workload)
    {
        var template = Template(workload.Name, workload.Os, workload.Image, workload.PriorityClassName, workload.EmptyDir, workload.NodeSelector);
        template["spec"]!["terminationGracePeriodSeconds"] = workload.TerminationGracePeriodSeconds;
        if (workload.OnStop != StopBehaviour.Exit)
        {
            template["metadata"]!["annotations"] = new JsonObject { [StopBehaviours.Annotation] = workload.OnStop.ToString() };
        }

        return template;
    }

    private static JsonObject Template(
        string app, NodeOs os, string image, string? priorityClassName, bool emptyDir, IReadOnlyDictionary<string, string>? nodeSelector = null)
    {
        var container = new JsonObject
        {
            ["name"] = app,
            ["image"] = image,
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "256Mi" } },
        };
        var spec = new JsonObject
        {
            ["nodeSelector"] = NodeSelector(os, nodeSelector),
            ["containers"] = new JsonArray(container),
            ["terminationGracePeriodSeconds"] = 30,
        };
        if (priorityClassName is not null)
        {
            spec["priorityClassName"] = priorityClassName;
        }

        if (emptyDir)
        {
            container["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "scratch", ["mountPath"] = "C:\\scratch" });
            spec["volumes"] = new JsonArray(new JsonObject { ["name"] = "scratch", ["emptyDir"] = new JsonObject() });
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = app } },
            ["spec"] = spec,
        };
    }

    private static JsonObject OwnerReference(JsonObject owner)
    {
        var metadata = owner["metadata"]!;
        return new JsonObject
        {
            ["apiVersion"] = owner["apiVersion"]!.GetValue<string>(),
            ["kind"] = owner["kind"]!.GetValue<string>(),
            ["name"] = metadata["name"]!.GetValue<string>(),
            ["uid"] = metadata["uid"]?.GetValue<string>() ?? string.Empty,
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        };
    }

    private static JsonObject ReplicaStatus(int replicas) => new()
    {
        ["replicas"] = replicas,
        ["readyReplicas"] = replicas,
        ["availableReplicas"] = replicas,
        ["updatedReplicas"] = replicas,
    };

    private static JsonObject PodCondition(string type, string time) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = time,
    };

    private static JsonValue IntOrString(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? JsonValue.Create(count) : JsonValue.Create(value);
}
