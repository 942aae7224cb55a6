using System.Globalization;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Model;

/// <summary>Records core/v1 Events as a controller's event recorder does, so kubectl describe and get events tell what happened.</summary>
internal sealed class EventWriter(ISandboxStore store, TimeProvider time)
{
    private long _sequence;

    public void Normal(string component, JsonObject regarding, string reason, string message) => Write(component, regarding, "Normal", reason, message);

    public void Warning(string component, JsonObject regarding, string reason, string message) => Write(component, regarding, "Warning", reason, message);

    private void Write(string component, JsonObject regarding, string type, string reason, string message)
    {
        var now = time.GetUtcNow();
        var name = Meta.Name(regarding);
        var ns = Meta.Namespace(regarding) ?? "default";
        var involved = new JsonObject
        {
            ["apiVersion"] = Meta.Str(regarding, "apiVersion"),
            ["kind"] = Meta.Str(regarding, "kind"),
            ["name"] = name,
            ["uid"] = Meta.Uid(regarding),
            ["resourceVersion"] = Meta.ResourceVersion(regarding),
        };
        if (Meta.Namespace(regarding) is { } involvedNamespace)
        {
            involved["namespace"] = involvedNamespace;
        }

        var sequence = Interlocked.Increment(ref _sequence);
        try
        {
            store.Create(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Event",
                ["metadata"] = new JsonObject
                {
                    // Recorders name events OBJECT.HEX-NANOSECONDS; a sequence keeps same-tick events apart.
                    ["name"] = string.Create(CultureInfo.InvariantCulture, $"{name}.{now.ToUnixTimeMilliseconds() * 1_000_000 + sequence:x}"),
                    ["namespace"] = ns,
                },
                ["involvedObject"] = involved,
                ["reason"] = reason,
                ["message"] = message,
                ["type"] = type,
                ["source"] = new JsonObject { ["component"] = component },
                ["firstTimestamp"] = Meta.Time(now),
                ["lastTimestamp"] = Meta.Time(now),
                ["count"] = 1,
                ["reportingComponent"] = component,
                ["reportingInstance"] = component,
            });
        }
        catch (SandboxApiException)
        {
            // An event that cannot be stored (its namespace is going) is dropped, as recorders drop them.
        }
    }
}
