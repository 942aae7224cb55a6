using k8s.Models;
using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Notifications;

/// <summary>One event as it was recorded: about a policy, and about a node when <see cref="Node"/> is set.</summary>
internal sealed record EventNotice(WindowsNodePolicy Policy, V1Node? Node, string Type, string Reason, string Action, string Note);
