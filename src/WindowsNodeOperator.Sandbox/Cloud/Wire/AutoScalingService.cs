using System.Xml.Linq;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Faults;
using static WindowsNodeOperator.Sandbox.Cloud.Wire.QueryProtocol;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// The Auto Scaling actions the operator makes, and DescribeScalingActivities, over the AWS Query protocol
/// (<c>Version=2011-01-01</c>, lists as <c>Name.member.N</c>).
/// https://docs.aws.amazon.com/autoscaling/ec2/APIReference/Welcome.html
/// </summary>
internal sealed class AutoScalingService(SimulatedCloud cloud) : IWireService
{
    private SimulatedAutoScaling Api => cloud.AutoScaling;

    public WireResponse Handle(WireRequest request)
    {
        var form = QueryForm.Read(request, QueryFlavor.Query);
        var action = form.Get("Action") ?? throw new SimulatedAwsException("MissingAction", 400, "Could not find operation for the request: the Action parameter is missing.");
        IEnumerable<XElement> result = action switch
        {
            "DescribeAutoScalingGroups" => DescribeAutoScalingGroups(form),
            "StartInstanceRefresh" => [E("InstanceRefreshId", Api.StartInstanceRefresh(AutoScalingRefreshReader.Read(form)))],
            "DescribeInstanceRefreshes" => DescribeInstanceRefreshes(form),
            "CancelInstanceRefresh" => [E("InstanceRefreshId", Api.CancelInstanceRefresh(
                form.Required("AutoScalingGroupName"), form.Bool("WaitForTransitioningInstances") ?? true))],
            "RollbackInstanceRefresh" => [E("InstanceRefreshId", Api.RollbackInstanceRefresh(form.Required("AutoScalingGroupName")))],
            "PutLifecycleHook" => PutLifecycleHook(form),
            "DescribeLifecycleHooks" => DescribeLifecycleHooks(form),
            "DeleteLifecycleHook" => Done(() => Api.DeleteLifecycleHook(form.Required("AutoScalingGroupName"), form.Required("LifecycleHookName"))),
            "CompleteLifecycleAction" => Done(() => Api.CompleteLifecycleAction(
                form.Required("AutoScalingGroupName"),
                form.Required("LifecycleHookName"),
                form.Required("LifecycleActionResult"),
                form.Get("InstanceId"),
                form.Get("LifecycleActionToken"))),
            "RecordLifecycleActionHeartbeat" => Done(() => Api.RecordLifecycleActionHeartbeat(
                form.Required("AutoScalingGroupName"), form.Required("LifecycleHookName"), form.Get("InstanceId"), form.Get("LifecycleActionToken"))),
            "TerminateInstanceInAutoScalingGroup" => [E("Activity", AutoScalingXml.Activity(Api.TerminateInstanceInAutoScalingGroup(
                form.Required("InstanceId"), form.Bool("ShouldDecrementDesiredCapacity") ?? throw form.Missing("ShouldDecrementDesiredCapacity"))))],
            "DescribeScalingActivities" => DescribeScalingActivities(form),
            "UpdateAutoScalingGroup" => Done(() => Api.UpdateAutoScalingGroup(
                form.Required("AutoScalingGroupName"),
                form.Has("LaunchTemplate.") ? AutoScalingRefreshReader.Specification(form.Structure("LaunchTemplate")) : null,
                form.Int("MinSize"),
                form.Int("MaxSize"),
                form.Int("DesiredCapacity"),
                form.Has("MixedInstancesPolicy.") ? AutoScalingRefreshReader.MixedInstancesPolicy(form.Structure("MixedInstancesPolicy")) : null)),
            _ => throw new SimulatedAwsException("InvalidAction", 400, $"Could not find operation {action} for version 2011-01-01"),
        };
        return Ok(action, result);
    }

    public WireResponse Error(string code, int statusCode, string message) => QueryProtocol.Error(code, statusCode, message);

    public WireResponse MissingAuthentication() => Error(
        "MissingAuthenticationToken", 403, "The request must contain either a valid (registered) AWS access key ID or X.509 certificate.");

    private IEnumerable<XElement> DescribeAutoScalingGroups(QueryForm form)
    {
        var names = form.List("AutoScalingGroupNames");
        var filters = WireFilter.Read(form);
        var matching = Api.DescribeAutoScalingGroups(names).Where(g => filters.All(f => Matches(f, g))).ToList();
        var (page, next) = Page(form, matching, defaultSize: 50);
        return [E("AutoScalingGroups", page.Select(g => AutoScalingXml.Group(g, cloud.Options.Region))), .. NextToken(next)];
    }

    private IEnumerable<XElement> DescribeInstanceRefreshes(QueryForm form)
    {
        var refreshes = Api.DescribeInstanceRefreshes(form.Required("AutoScalingGroupName"), form.List("InstanceRefreshIds"));
        var (page, next) = Page(form, refreshes, defaultSize: 50);
        return [E("InstanceRefreshes", page.Select(AutoScalingXml.Refresh)), .. NextToken(next)];
    }

    private IEnumerable<XElement> PutLifecycleHook(QueryForm form)
    {
        // The notification target, role and metadata are accepted and not kept: the simulation sends no notifications.
        // An update names every member again (the operator's does): one left out takes the default, not the old value.
        var hook = new LifecycleHookInfo(
            form.Required("LifecycleHookName"),
            form.Required("AutoScalingGroupName"),
            form.Required("LifecycleTransition"),
            form.Int("HeartbeatTimeout") ?? 3600,
            form.Get("DefaultResult") ?? LifecycleHooks.Abandon);
        Api.PutLifecycleHook(hook);
        return [];
    }

    private IEnumerable<XElement> DescribeLifecycleHooks(QueryForm form)
    {
        var names = form.List("LifecycleHookNames");
        var hooks = Api.DescribeLifecycleHooks(form.Required("AutoScalingGroupName"))
            .Where(h => names.Count == 0 || names.Contains(h.LifecycleHookName));
        return [E("LifecycleHooks", hooks.Select(AutoScalingXml.Hook))];
    }

    private IEnumerable<XElement> DescribeScalingActivities(QueryForm form)
    {
        var activities = Api.DescribeScalingActivities(form.Get("AutoScalingGroupName"), form.List("ActivityIds"));
        var (page, next) = Page(form, activities, defaultSize: 100);
        return [Members("Activities", page.Select(AutoScalingXml.Activity)), .. NextToken(next)];
    }

    private static bool Matches(WireFilter filter, AutoScalingGroupInfo group) => filter.Name switch
    {
        "tag-key" => group.Tags.Keys.Any(filter.Matches),
        "tag-value" => group.Tags.Values.Any(filter.Matches),
        { } name when name.StartsWith("tag:", StringComparison.Ordinal) => group.Tags.TryGetValue(name[4..], out var value) && filter.Matches(value),
        _ => throw SimulatedAwsException.Validation($"Filter name '{filter.Name}' is not valid. Use tag-key, tag-value or tag:<key>."),
    };

    private static (IReadOnlyList<T> Page, string? Next) Page<T>(QueryForm form, IReadOnlyList<T> items, int defaultSize) =>
        WirePage.Take(
            items,
            form.Int("MaxRecords"),
            defaultSize,
            1,
            100,
            form.Get("NextToken"),
            token => new SimulatedAwsException("InvalidNextToken", 400, $"The token '{token}' is invalid."),
            n => form.Invalid("MaxRecords", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "Member must have value less than or equal to 100"));

    private static XElement[] NextToken(string? next) => next is null ? [] : [E("NextToken", next)];

    private static XElement[] Done(Action call)
    {
        call();
        return [];
    }
}
