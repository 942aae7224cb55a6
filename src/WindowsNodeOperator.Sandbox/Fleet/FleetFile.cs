using System.Text.Json;
using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>Reads a fleet description (JSON, camelCase, as in config/) into <see cref="FleetOptions"/>, naming the field of any error.</summary>
public static class FleetFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new NodeOsConverter() },
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static FleetOptions Load(string path)
    {
        FleetOptions? options;
        try
        {
            using var stream = File.OpenRead(path);
            options = JsonSerializer.Deserialize<FleetOptions>(stream, Json);
        }
        catch (JsonException e)
        {
            throw new FleetFileException($"{path}: {(e.Path is { Length: > 1 } p ? p[2..] + ": " : string.Empty)}{FirstLine(e.Message)}", e);
        }

        if (options is null)
        {
            throw new FleetFileException($"{path}: the file holds no fleet.");
        }

        var errors = Validate(options).ToList();
        return errors.Count == 0 ? options : throw new FleetFileException($"{path}: {string.Join("; ", errors)}");
    }

    public static IEnumerable<string> Validate(FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Groups.Count; i++)
        {
            var group = options.Groups[i];
            if (string.IsNullOrWhiteSpace(group.Name) || !names.Add(group.Name))
            {
                yield return $"groups[{i}].name: must be a unique, non-empty name";
            }

            if (group.Size is < 0 or > 5000)
            {
                yield return $"groups[{i}].size: must be between 0 and 5000, not {group.Size}";
            }

            if (group.MaxAgeDays is < 0 or > 3650)
            {
                yield return $"groups[{i}].maxAgeDays: must be between 0 and 3650, not {group.MaxAgeDays}";
            }

            if (group.Os == NodeOs.Windows && WindowsBuilds.OfVersion(group.WindowsVersion) is null)
            {
                yield return $"groups[{i}].windowsVersion: must be one of {string.Join(", ", WindowsBuilds.KnownVersions)}, not \"{group.WindowsVersion}\"";
            }

            if (group.MixedInstances is { } mixed)
            {
                if (mixed.Overrides.Count is < 1 or > 40)
                {
                    yield return $"groups[{i}].mixedInstances.overrides: give 1 to 40 instance types, not {mixed.Overrides.Count}";
                }

                for (var o = 0; o < mixed.Overrides.Count; o++)
                {
                    if (string.IsNullOrWhiteSpace(mixed.Overrides[o].InstanceType))
                    {
                        yield return $"groups[{i}].mixedInstances.overrides[{o}].instanceType: must not be empty";
                    }
                }
            }
        }

        var beats = options.Heartbeats;
        if (beats.NodeStatusUpdateFrequency <= TimeSpan.Zero || beats.NodeStatusReportFrequency < beats.NodeStatusUpdateFrequency)
        {
            yield return "heartbeats: nodeStatusUpdateFrequency must be positive and nodeStatusReportFrequency at least as long";
        }

        if (beats.NodeLeaseDurationSeconds <= 0)
        {
            yield return $"heartbeats.nodeLeaseDurationSeconds: must be positive, not {beats.NodeLeaseDurationSeconds}";
        }

        for (var i = 0; i < options.KubeletOutages.Count; i++)
        {
            var outage = options.KubeletOutages[i];
            if (options.Groups.FirstOrDefault(g => g.Name == outage.Group) is not { } group)
            {
                yield return $"kubeletOutages[{i}].group: no group \"{outage.Group}\"";
            }
            else if (outage.Node < 0 || outage.Node >= group.Size)
            {
                yield return $"kubeletOutages[{i}].node: must be between 0 and {group.Size - 1}, not {outage.Node}";
            }

            if (outage.After < TimeSpan.Zero)
            {
                yield return $"kubeletOutages[{i}].after: must not be negative";
            }
        }

        for (var i = 0; i < options.Workloads.Count; i++)
        {
            if (options.Workloads[i].Replicas < 0)
            {
                yield return $"workloads[{i}].replicas: must not be negative";
            }

            if (options.Workloads[i] is { MinAvailable: not null, MaxUnavailable: not null })
            {
                yield return $"workloads[{i}]: give minAvailable or maxUnavailable, not both";
            }
        }

        if (options.HostnameType is not (HostnameTypes.IpName or HostnameTypes.ResourceName))
        {
            yield return $"hostnameType: must be {HostnameTypes.IpName} or {HostnameTypes.ResourceName}, not {options.HostnameType}";
        }

        foreach (var (name, value) in Timings(options.Timings))
        {
            if (value < TimeSpan.Zero || value > TimeSpan.FromHours(1))
            {
                yield return $"timings.{name}: must be between 00:00:00 and 01:00:00, not {value}";
            }
        }
    }

    private static IEnumerable<(string Name, TimeSpan Value)> Timings(FleetTimings t) =>
    [
        ("instanceStart", t.InstanceStart), ("instanceShutdown", t.InstanceShutdown), ("instanceBoot", t.InstanceBoot),
        ("windowsPodStart", t.WindowsPodStart), ("linuxPodStart", t.LinuxPodStart), ("nodeDeletionGrace", t.NodeDeletionGrace),
        ("nodeInitialization", t.NodeInitialization), ("nodeReady", t.NodeReady),
    ];

    // System.Text.Json appends "Path: $.x | LineNumber: ..." to its messages; the path is reported in front instead.
    private static string FirstLine(string message) => message.Split(" Path: ", 2)[0];
}

/// <summary>Reads <see cref="NodeOs"/> by name, saying which names there are when one is wrong.</summary>
internal sealed class NodeOsConverter : JsonConverter<NodeOs>
{
    public override NodeOs Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return Enum.TryParse<NodeOs>(text, ignoreCase: true, out var os) && Enum.IsDefined(os)
            ? os
            : throw new JsonException($"must be \"Windows\" or \"Linux\", not {(text is null ? reader.TokenType.ToString() : $"\"{text}\"")}");
    }

    public override void Write(Utf8JsonWriter writer, NodeOs value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}

/// <summary>A fleet file that cannot be read; the message names the file and the field.</summary>
public sealed class FleetFileException(string message, Exception? inner = null) : Exception(message, inner);
