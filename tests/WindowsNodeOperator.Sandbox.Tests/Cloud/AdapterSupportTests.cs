using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud;

/// <summary>The calls the operator's adapters rely on: GetParameters, idempotent template versions, hook deletion, termination activities.</summary>
public sealed class AdapterSupportTests
{
    private const string Parameter = "/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.31/image_id";
    private readonly CloudHarness _h = new();

    [Fact]
    public void GetParameters_answers_the_latest_values_and_lists_unknown_names_in_one_call()
    {
        _h.Cloud.Ssm.PutParameter(Parameter, _h.OldImage);
        _h.Cloud.Ssm.PutParameter(Parameter, _h.NewImage);
        _h.Cloud.Calls.Reset();

        var answer = _h.Cloud.Ssm.GetParameters([Parameter, "/nope"]);

        Assert.Equal((_h.NewImage, 2L), (Assert.Single(answer.Parameters).Value, answer.Parameters[0].Version));
        Assert.Equal(["/nope"], answer.InvalidParameters);
        Assert.Equal(1, _h.Cloud.Calls.Calls("ssm:GetParameters"));
        var error = Assert.Throws<SimulatedAwsException>(() => _h.Cloud.Ssm.GetParameters([.. Enumerable.Range(0, 11).Select(i => $"/p{i}")]));
        Assert.Equal("ValidationException", error.ErrorCode);
    }

    [Fact]
    public void A_repeated_client_token_returns_the_version_it_created()
    {
        var first = _h.Cloud.Ec2.CreateLaunchTemplateVersion(_h.Version(1), "1", _h.NewImage, "November AMI", clientToken: "t-1");
        var again = _h.Cloud.Ec2.CreateLaunchTemplateVersion(_h.Version(1), "1", _h.NewImage, "November AMI", clientToken: "t-1");

        Assert.Equal(2, first.VersionNumber);
        Assert.Equal(first, again);
        Assert.Equal(2, _h.Cloud.Ec2.DescribeLaunchTemplateVersions(_h.Version(1)).Count);
        var error = Assert.Throws<SimulatedAwsException>(() => _h.Cloud.Ec2.CreateLaunchTemplateVersion(_h.Version(1), "1", _h.OldImage, "other", clientToken: "t-1"));
        Assert.Equal("IdempotentParameterMismatch", error.ErrorCode);
    }

    [Fact]
    public void A_deleted_hook_no_longer_holds_instances()
    {
        _h.CreateGroup(2);

        _h.Cloud.AutoScaling.DeleteLifecycleHook(CloudHarness.Group, CloudHarness.TerminateHook);

        Assert.Equal([CloudHarness.LaunchHook], _h.Cloud.AutoScaling.DescribeLifecycleHooks(CloudHarness.Group).Select(h => h.LifecycleHookName));
        var victim = _h.Describe().Instances[0].InstanceId;
        _h.Cloud.AutoScaling.TerminateInstanceInAutoScalingGroup(victim, shouldDecrementDesiredCapacity: true);
        Assert.Equal(LifecycleState.TerminatingProceed, _h.Describe().Instances.Single(i => i.InstanceId == victim).LifecycleState);
        var error = Assert.Throws<SimulatedAwsException>(() => _h.Cloud.AutoScaling.DeleteLifecycleHook(CloudHarness.Group, CloudHarness.TerminateHook));
        Assert.Equal("ValidationError", error.ErrorCode);
    }

    [Fact]
    public void Terminating_in_the_group_reports_its_scaling_activity()
    {
        _h.CreateGroup(2, hooks: false);
        var victim = _h.Describe().Instances[0].InstanceId;

        var activity = _h.Cloud.AutoScaling.TerminateInstanceInAutoScalingGroup(victim, shouldDecrementDesiredCapacity: true);

        Assert.Equal((CloudHarness.Group, "InProgress", _h.Time.GetUtcNow()), (activity.AutoScalingGroupName, activity.StatusCode, activity.StartTime));
        Assert.Equal($"Terminating EC2 instance: {victim}", activity.Description);
        Assert.Contains("shrinking the capacity from 2 to 1", activity.Cause, StringComparison.Ordinal);
        Assert.NotEmpty(activity.ActivityId);
    }
}
