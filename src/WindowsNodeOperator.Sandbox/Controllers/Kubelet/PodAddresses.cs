using System.Globalization;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Controllers.Model;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Kubelet;

/// <summary>Hands out pod IPs in 10.1.X.0/24 (then 10.2.X.0/24...), X the third octet of the node's address (as the fleet seeder does), never one in use.</summary>
internal sealed class PodAddresses(IEnumerable<JsonObject> pods)
{
    private readonly HashSet<string> _used = pods.Select(p => Meta.Str(p["status"], "podIP")).OfType<string>().ToHashSet(StringComparer.Ordinal);

    public string Next(JsonObject node)
    {
        var octets = (NodeState.InternalIp(node) ?? "10.0.0.0").Split('.');
        var subnet = octets.Length == 4 ? octets[2] : "0";
        // A /24 is shared by every node of its third octet: on a large fleet a full one spills into 10.2.X.0/24, and on.
        for (var block = 1; block < 64; block++)
        {
            for (var host = 2; host < 255; host++)
            {
                var ip = string.Create(CultureInfo.InvariantCulture, $"10.{block}.{subnet}.{host}");
                if (_used.Add(ip))
                {
                    return ip;
                }
            }
        }

        throw new InvalidOperationException($"No free pod address left in 10.*.{subnet}.0/24.");
    }
}
