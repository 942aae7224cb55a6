using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud;

public sealed class FaultAndCallTests
{
    private readonly CloudHarness _h = new();

    [Fact]
    public void Throttling_for_the_next_two_calls_then_success_and_every_call_counted()
    {
        _h.CreateGroup(1, hooks: false);
        _h.Cloud.Faults.Set("ec2:DescribeInstances", FaultKind.Throttling, remaining: 2);

        var first = Assert.Throws<SimulatedAwsException>(() => _h.Cloud.Ec2.DescribeInstances());
        Assert.Throws<SimulatedAwsException>(() => _h.Cloud.Ec2.DescribeInstances());
        Assert.Single(_h.Cloud.Ec2.DescribeInstances());

        Assert.Equal(("RequestLimitExceeded", 503, true), (first.ErrorCode, first.StatusCode, first.NotProcessed));
        Assert.Equal(3, _h.Cloud.Calls.Calls("ec2:DescribeInstances"));
        Assert.Equal(2, _h.Cloud.Calls.Faulted("ec2:DescribeInstances"));
        Assert.Equal(0, _h.Cloud.Calls.Calls("ec2:DescribeImages"));
    }

    [Fact]
    public void Each_service_throttles_with_its_own_error_code()
    {
        _h.CreateGroup(1, hooks: false);
        _h.Cloud.Faults.Set(FaultInjector.AllOperations, FaultKind.Throttling);

        Assert.Equal("Throttling", Assert.Throws<SimulatedAwsException>(() => _h.Describe()).ErrorCode);
        Assert.Equal("ThrottlingException", Assert.Throws<SimulatedAwsException>(() => _h.Cloud.Ssm.GetParameter("x")).ErrorCode);

        _h.Cloud.Faults.ClearAll();
        Assert.Single(_h.Describe().Instances);
    }

    [Fact]
    public void A_timeout_loses_the_response_but_the_call_took_effect()
    {
        _h.CreateGroup(1, hooks: false);
        _h.Cloud.Faults.Set("autoscaling:SetDesiredCapacity", FaultKind.Timeout);

        var error = Assert.Throws<SimulatedTimeoutException>(() => _h.Cloud.AutoScaling.SetDesiredCapacity(CloudHarness.Group, 2));

        Assert.Equal("autoscaling:SetDesiredCapacity", error.Operation);
        Assert.Equal(2, _h.Describe().DesiredCapacity);
    }

    [Fact]
    public void A_reset_connection_happens_before_processing()
    {
        _h.CreateGroup(1, hooks: false);
        _h.Cloud.Faults.Set("autoscaling:SetDesiredCapacity", FaultKind.ConnectionReset);

        var error = Assert.Throws<SimulatedConnectionResetException>(() => _h.Cloud.AutoScaling.SetDesiredCapacity(CloudHarness.Group, 2));

        Assert.Equal("autoscaling:SetDesiredCapacity", error.Operation);
        Assert.Equal(1, _h.Describe().DesiredCapacity);
    }

    [Fact]
    public void No_answer_is_a_timeout_of_a_call_that_took_effect()
    {
        _h.CreateGroup(1, hooks: false);
        _h.Cloud.Faults.Set("autoscaling:SetDesiredCapacity", FaultKind.NoAnswer);

        var error = Assert.Throws<SimulatedTimeoutException>(() => _h.Cloud.AutoScaling.SetDesiredCapacity(CloudHarness.Group, 2));

        Assert.True(error.Unanswered);
        Assert.Equal(2, _h.Describe().DesiredCapacity);
    }

    [Fact]
    public void A_mix_fails_about_that_fraction_of_calls_with_each_kind()
    {
        _h.CreateGroup(1, hooks: false);
        _h.Cloud.Faults.SetMix(FaultInjector.AllOperations, 0.5, FaultKind.Throttling, FaultKind.ConnectionReset);

        var (throttled, reset) = (0, 0);
        for (var i = 0; i < 400; i++)
        {
            try
            {
                _h.Cloud.Ec2.DescribeInstances();
            }
            catch (SimulatedAwsException e) when (e.ErrorCode == "RequestLimitExceeded")
            {
                throttled++;
            }
            catch (SimulatedConnectionResetException)
            {
                reset++;
            }
        }

        Assert.InRange(throttled + reset, 160, 240);
        Assert.InRange(throttled, 60, 140);
        Assert.Equal(throttled + reset, _h.Cloud.Calls.Faulted("ec2:DescribeInstances"));
    }

    [Fact]
    public void A_refused_call_still_hands_what_its_catch_up_did_to_the_nodes()
    {
        _h.CreateGroup(1, hooks: false);
        _h.Cloud.AutoScaling.SetDesiredCapacity(CloudHarness.Group, 0);
        _h.Time.Advance(TimeSpan.FromMinutes(10));
        _h.Cloud.Faults.Set("ec2:DescribeInstances", FaultKind.Throttling);

        Assert.Throws<SimulatedAwsException>(() => _h.Cloud.Ec2.DescribeInstances());

        Assert.Single(_h.Nodes.Terminated);
    }

    [Fact]
    public void A_503_happens_before_processing()
    {
        _h.CreateGroup(1, hooks: false);
        _h.Cloud.Faults.Set("autoscaling:SetDesiredCapacity", FaultKind.ServiceUnavailable);

        var error = Assert.Throws<SimulatedAwsException>(() => _h.Cloud.AutoScaling.SetDesiredCapacity(CloudHarness.Group, 2));

        Assert.Equal(("ServiceUnavailable", 503), (error.ErrorCode, error.StatusCode));
        Assert.Equal(1, _h.Describe().DesiredCapacity);
    }

    [Fact]
    public void A_rate_fails_about_that_fraction_of_calls_and_can_be_switched_off()
    {
        _h.CreateGroup(1, hooks: false);
        _h.Cloud.Faults.Set("ec2:DescribeInstances", FaultKind.InternalError, rate: 0.3);

        var failures = 0;
        for (var i = 0; i < 200; i++)
        {
            try
            {
                _h.Cloud.Ec2.DescribeInstances();
            }
            catch (SimulatedAwsException e) when (e.ErrorCode == "InternalFailure")
            {
                failures++;
            }
        }

        Assert.InRange(failures, 40, 80);
        Assert.Equal(failures, _h.Cloud.Calls.Faulted("ec2:DescribeInstances"));
        _h.Cloud.Faults.Clear("ec2:DescribeInstances");
        Assert.Single(_h.Cloud.Ec2.DescribeInstances());
        Assert.Equal(201, _h.Cloud.Calls.Snapshot()["ec2:DescribeInstances"]);
    }
}
