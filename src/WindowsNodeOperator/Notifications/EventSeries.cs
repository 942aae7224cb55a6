using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WindowsNodeOperator.Notifications;

/// <summary>
/// Gives each event its notification id, as Kubernetes identifies the Event: the objects (uids), reason, action, type and
/// note, and when the series began. A repeat within <see cref="Window"/> is the same Event (the recorder only bumps its
/// series count), so it is not notified again.
/// </summary>
internal sealed class EventSeries
{
    /// <summary>The event recorder's series window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(6);

    internal const int Capacity = 4096;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);

    /// <summary>The id of a new event, or null for a repeat of one seen less than <see cref="Window"/> ago.</summary>
    public string? NewEventId(EventNotice notice, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var policy = notice.Policy.Metadata?.Uid ?? notice.Policy.Metadata?.Name;
        var node = notice.Node is null ? string.Empty : notice.Node.Metadata?.Uid ?? notice.Node.Metadata?.Name;
        var key = string.Join('\n', policy, node, notice.Reason, notice.Action, notice.Type, notice.Note);
        lock (_gate)
        {
            if (_lastSeen.TryGetValue(key, out var last) && now - last < Window)
            {
                _lastSeen[key] = now;
                return null;
            }

            if (_lastSeen.Count >= Capacity)
            {
                Prune(now);
            }

            _lastSeen[key] = now;
        }

        var first = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key}\n{first}")))[..32];
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var stale in _lastSeen.Where(e => now - e.Value >= Window).Select(e => e.Key).ToList())
        {
            _lastSeen.Remove(stale);
        }

        // Still full of recent events: forget the oldest half rather than grow.
        if (_lastSeen.Count >= Capacity)
        {
            foreach (var old in _lastSeen.OrderBy(e => e.Value).Take(Capacity / 2).Select(e => e.Key).ToList())
            {
                _lastSeen.Remove(old);
            }
        }
    }
}
