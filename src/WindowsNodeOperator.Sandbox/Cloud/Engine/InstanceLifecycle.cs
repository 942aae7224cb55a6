using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

/// <summary>
/// Moves instances through EC2 and Auto Scaling lifecycle states, lifecycle hooks included:
/// https://docs.aws.amazon.com/autoscaling/ec2/userguide/lifecycle-hooks-overview.html
/// </summary>
internal sealed class InstanceLifecycle(CloudState state)
{
    private static readonly TimeSpan ActivityRetention = SimulatedAutoScaling.History;

    /// <summary>The first retry after an abandoned launch; each further one in a row waits twice as long, up to <see cref="MaxLaunchRetryDelay"/>.</summary>
    public static readonly TimeSpan FirstLaunchRetryDelay = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxLaunchRetryDelay = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long the group waits before launching again after <paramref name="failures"/> abandoned launches in a row. AWS
    /// rate-limits repeated launch failures but publishes no figures: these are the simulation's.
    /// </summary>
    public static TimeSpan LaunchRetryDelay(int failures) =>
        failures <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(MaxLaunchRetryDelay.Ticks, FirstLaunchRetryDelay.Ticks << Math.Min(failures - 1, 20)));

    private SimulatedCloudOptions Options => state.Options;

    public InstanceRecord Launch(GroupRecord group, ResolvedTemplate config, ReplacementPass? pass, DateTimeOffset at)
    {
        var zone = group.Zones
            .Select((z, i) => (Zone: z, Index: i, Count: group.Live.Count(m => m.AvailabilityZone == z)))
            .OrderBy(z => z.Count).ThenBy(z => z.Index)
            .First().Zone;
        var ip = state.Ids.PrivateIp(Math.Max(0, zone[^1] - 'a'));
        var id = state.Ids.InstanceId();
        var instance = new InstanceRecord
        {
            Id = id,
            ImageId = config.ImageId,
            InstanceType = config.InstanceType,
            AvailabilityZone = zone,
            PrivateIp = ip,
            PrivateDnsName = HostnameTypes.Of(Options.HostnameType, id, ip, Options.Region),
            AttachTime = at,
            Platform = state.Images.GetValueOrDefault(config.ImageId)?.Image.Platform,
            LaunchTime = at,
            State = Ec2InstanceState.Pending,
            GroupName = group.Name,
            TemplateId = config.TemplateId,
            TemplateName = config.TemplateName,
            TemplateVersion = config.Version,
            LaunchedBy = pass,
        };
        TagGroupMember(instance);
        state.Instances.Add(instance.Id, instance);
        group.Members.Add(instance);
        pass?.Launched.Add(instance);
        instance.LaunchActivity = RecordActivity(
            group,
            $"Launching a new EC2 instance: {instance.Id}",
            pass is null
                ? $"At {Stamp(at)} an instance was started in response to a difference between desired and actual capacity."
                : $"At {Stamp(at)} an instance was launched in response to an instance refresh.",
            at);
        state.Record(at, instance.Id, $"launched in {group.Name} from {config.TemplateName} v{config.Version} ({config.ImageId})");
        state.Agenda.Schedule(at + Options.InstanceStartTime, t => OnRunning(instance, t));
        if (!(state.Images.TryGetValue(config.ImageId, out var image) && image.Bad))
        {
            state.Agenda.Schedule(at + Options.BootTime, t => OnBooted(instance, t));
        }

        var hooks = group.HooksFor(LifecycleHooks.Launching).ToList();
        if (hooks.Count > 0)
        {
            EnterWait(instance, hooks, LifecycleState.PendingWait, at);
        }

        return instance;
    }

    public static void TagGroupMember(InstanceRecord instance)
    {
        instance.Tags["aws:autoscaling:groupName"] = instance.GroupName!;
        instance.Tags["aws:ec2launchtemplate:id"] = instance.TemplateId!;
        instance.Tags["aws:ec2launchtemplate:version"] = instance.TemplateVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public void OnRunning(InstanceRecord instance, DateTimeOffset at)
    {
        if (instance.State != Ec2InstanceState.Pending)
        {
            return;
        }

        instance.State = Ec2InstanceState.Running;
        state.Record(at, instance.Id, "running");
        if (instance.InGroup && instance.Lifecycle is LifecycleState.Pending or LifecycleState.PendingProceed)
        {
            EnterInService(instance, at);
        }
    }

    public void BeginTerminate(InstanceRecord instance, DateTimeOffset at, string cause)
    {
        if (instance.Lifecycle.IsLeaving())
        {
            return;
        }

        instance.Actions.Clear();
        instance.Lifecycle = LifecycleState.Terminating;
        state.Record(at, instance.Id, $"Terminating ({cause})");
        instance.TerminateActivity = RecordActivity(
            state.Groups[instance.GroupName!],
            $"Terminating EC2 instance: {instance.Id}",
            $"At {Stamp(at)} instance {instance.Id} was taken out of service ({cause}).",
            at);
        var hooks = state.Groups[instance.GroupName!].HooksFor(LifecycleHooks.Terminating).ToList();
        if (hooks.Count > 0)
        {
            EnterWait(instance, hooks, LifecycleState.TerminatingWait, at);
        }
        else
        {
            Proceed(instance, at);
        }
    }

    public void Complete(InstanceRecord instance, LifecycleAction action, string result, DateTimeOffset at)
    {
        instance.Actions.Remove(action);
        state.Record(at, instance.Id, $"{action.Hook.LifecycleHookName} completed with {result}");
        var abandon = result == LifecycleHooks.Abandon;
        if (abandon)
        {
            // ABANDON skips the instance's other hooks of this transition.
            instance.Actions.Clear();
        }

        if (instance.Lifecycle == LifecycleState.PendingWait)
        {
            if (abandon)
            {
                AbandonLaunch(instance, action, at);
            }
            else if (instance.Actions.Count == 0)
            {
                instance.Lifecycle = LifecycleState.PendingProceed;
                state.Record(at, instance.Id, LifecycleState.PendingProceed.ToAwsName());
                if (instance.State == Ec2InstanceState.Running)
                {
                    EnterInService(instance, at);
                }
            }
        }
        else if (instance.Lifecycle == LifecycleState.TerminatingWait && instance.Actions.Count == 0)
        {
            Proceed(instance, at);
        }
    }

    /// <summary>
    /// A hook being deleted completes the actions still waiting on it first: ABANDON for launching instances, CONTINUE
    /// for terminating ones (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DeleteLifecycleHook.html).
    /// </summary>
    public void CompleteWaitingOn(GroupRecord group, LifecycleHookInfo hook, DateTimeOffset at)
    {
        foreach (var instance in group.Members.ToList())
        {
            if (instance.Actions.FirstOrDefault(a => a.Hook.LifecycleHookName == hook.LifecycleHookName) is not { } action)
            {
                continue;
            }

            var result = hook.LifecycleTransition == LifecycleHooks.Launching ? LifecycleHooks.Abandon : LifecycleHooks.Continue;
            state.Record(at, instance.Id, $"{hook.LifecycleHookName} deleted while its action waited");
            Complete(instance, action, result, at);
        }
    }

    public void Heartbeat(InstanceRecord instance, LifecycleAction action, DateTimeOffset at)
    {
        action.HeartbeatDeadline = at + TimeSpan.FromSeconds(action.Hook.HeartbeatTimeout);
        action.Generation++;
        state.Record(at, instance.Id, $"{action.Hook.LifecycleHookName} heartbeat, times out at {action.Deadline:HH:mm:ss}");
        ScheduleTimeout(instance, action);
    }

    private void EnterWait(InstanceRecord instance, List<LifecycleHookInfo> hooks, LifecycleState wait, DateTimeOffset at)
    {
        instance.Lifecycle = wait;
        state.Record(at, instance.Id, wait.ToAwsName());
        foreach (var hook in hooks)
        {
            var action = new LifecycleAction(hook, state.Ids.Guid(), at + TimeSpan.FromSeconds(hook.HeartbeatTimeout), at + TimeSpan.FromSeconds(hook.GlobalTimeout));
            instance.Actions.Add(action);
            ScheduleTimeout(instance, action);
        }
    }

    private void ScheduleTimeout(InstanceRecord instance, LifecycleAction action)
    {
        var generation = action.Generation;
        state.Agenda.Schedule(action.Deadline, t =>
        {
            if (instance.Actions.Contains(action) && action.Generation == generation)
            {
                state.Record(t, instance.Id, $"{action.Hook.LifecycleHookName} timed out");
                Complete(instance, action, action.Hook.DefaultResult, t);
            }
        });
    }

    /// <summary>
    /// ABANDON of a launching instance: Auto Scaling terminates it and launches another
    /// (https://docs.aws.amazon.com/autoscaling/ec2/userguide/lifecycle-hooks.html), the launch activity ending Cancelled with
    /// AWS's message (https://docs.aws.amazon.com/autoscaling/ec2/userguide/CHAP_Troubleshooting.html#RetrievingErrors);
    /// the group waits before that next launch.
    /// </summary>
    private void AbandonLaunch(InstanceRecord instance, LifecycleAction action, DateTimeOffset at)
    {
        var message = $"Instance failed to complete user's Lifecycle Action: Lifecycle Action with token {action.Token} was abandoned: "
            + "Lifecycle Action Completed with ABANDON Result";
        instance.LaunchActivity?.Finish(ActivityRecord.Cancelled, at, message);
        instance.LaunchedBy?.AbandonedLaunches.Add(new AbandonedLaunch(instance.Id, message, at));

        var group = state.Groups[instance.GroupName!];
        group.ConsecutiveLaunchFailures++;
        var delay = LaunchRetryDelay(group.ConsecutiveLaunchFailures);
        group.NextLaunchAt = at + delay;
        state.Record(at, instance.Id, $"launch abandoned; {group.Name} launches again in {delay.TotalSeconds:0}s");
        state.Agenda.Wake(at + delay);

        BeginTerminate(instance, at, "launch abandoned");
    }

    /// <summary>
    /// A launch EC2 refuses (the image was made private): no instance, a Failed launch activity with EC2's reason, as a
    /// launch from an AMI one may no longer use ends ("Not authorized for images"), and the group waits before the next try.
    /// </summary>
    public void FailLaunch(GroupRecord group, ResolvedTemplate config, DateTimeOffset at)
    {
        var activity = RecordActivity(
            group,
            "Launching a new EC2 instance",
            $"At {Stamp(at)} an instance was started in response to a difference between desired and actual capacity.",
            at);
        activity.Finish(ActivityRecord.Failed, at, $"Not authorized for images: [{config.ImageId}]. Launching EC2 instance failed.");
        group.ConsecutiveLaunchFailures++;
        var delay = LaunchRetryDelay(group.ConsecutiveLaunchFailures);
        group.NextLaunchAt = at + delay;
        state.Record(at, group.Name, $"launch from {config.ImageId} failed: image not available; {group.Name} launches again in {delay.TotalSeconds:0}s");
        state.Agenda.Wake(at + delay);
    }

    private void Proceed(InstanceRecord instance, DateTimeOffset at)
    {
        instance.Lifecycle = LifecycleState.TerminatingProceed;
        instance.State = Ec2InstanceState.ShuttingDown;
        state.Record(at, instance.Id, LifecycleState.TerminatingProceed.ToAwsName());
        state.Agenda.Schedule(at + Options.InstanceShutdownTime, t => Finish(instance, t));
    }

    private void Finish(InstanceRecord instance, DateTimeOffset at)
    {
        instance.State = Ec2InstanceState.Terminated;
        instance.Lifecycle = LifecycleState.Terminated;
        state.Groups[instance.GroupName!].Members.Remove(instance);
        state.Record(at, instance.Id, "Terminated");
        instance.TerminateActivity?.Finish(ActivityRecord.Successful, at);
        if (instance.Registered)
        {
            instance.Registered = false;
            state.Outbox.Add(new NodeNotice(instance.ToEc2(), Booted: false));
        }
    }

    private void OnBooted(InstanceRecord instance, DateTimeOffset at)
    {
        if (instance.State is Ec2InstanceState.Running or Ec2InstanceState.Pending)
        {
            instance.Registered = true;
            state.Record(at, instance.Id, "node registered");
            state.Outbox.Add(new NodeNotice(instance.ToEc2(), Booted: true, state.Images.GetValueOrDefault(instance.ImageId)?.Image.Name));
        }
    }

    private void EnterInService(InstanceRecord instance, DateTimeOffset at)
    {
        var group = state.Groups[instance.GroupName!];
        (group.ConsecutiveLaunchFailures, group.NextLaunchAt) = (0, null);
        instance.Lifecycle = LifecycleState.InService;
        instance.InServiceAt = at;
        state.Record(at, instance.Id, "InService");
        instance.LaunchActivity?.Finish(ActivityRecord.Successful, at);
    }

    private ActivityRecord RecordActivity(GroupRecord group, string description, string cause, DateTimeOffset at)
    {
        // DescribeScalingActivities goes back six weeks.
        group.Activities.RemoveAll(a => a.StartTime < at - ActivityRetention);
        var activity = new ActivityRecord(state.Ids.ActivityId(), group.Name, description, cause, at);
        group.Activities.Insert(0, activity);
        return activity;
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
