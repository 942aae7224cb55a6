"""Asks the simulated account, through boto3, what Auto Scaling refuses around instance refreshes and rollbacks.

Usage: python3 boto3_refresh_rules_check.py ENDPOINT INPUT_JSON
Every answer, and every error's code, status and message, is printed as JSON for the test to judge; an unexpected
error fails the run (exit code 1).
"""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def error(call):
    try:
        call()
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"], "message": e.response["Error"]["Message"]}
    return None


def main():
    endpoint, given = sys.argv[1], json.loads(sys.argv[2])
    config = Config(retries={"total_max_attempts": 1}, region_name="us-west-2")
    kwargs = dict(endpoint_url=endpoint, aws_access_key_id="AKID", aws_secret_access_key="secret", config=config)
    ec2, asg = (boto3.client(name, **kwargs) for name in ("ec2", "autoscaling"))
    out = {}

    def template_of(group):
        return asg.describe_auto_scaling_groups(AutoScalingGroupNames=[group])["AutoScalingGroups"][0]["LaunchTemplate"]

    def refresh_of(group):
        return asg.describe_instance_refreshes(AutoScalingGroupName=group)["InstanceRefreshes"][0]

    # 1. A refresh with a desired configuration holds what the group launches; sizes stay free.
    a = given["groupA"]
    template = template_of(a)
    desired = {"LaunchTemplate": {"LaunchTemplateId": template["LaunchTemplateId"], "Version": given["newVersionA"]}}
    asg.start_instance_refresh(AutoScalingGroupName=a, DesiredConfiguration=desired, Preferences={"MinHealthyPercentage": 50})
    out["updateTemplateDuringRefresh"] = error(lambda: asg.update_auto_scaling_group(
        AutoScalingGroupName=a, LaunchTemplate={"LaunchTemplateId": template["LaunchTemplateId"], "Version": given["newVersionA"]}))
    out["updateSizesDuringRefresh"] = error(lambda: asg.update_auto_scaling_group(AutoScalingGroupName=a, MaxSize=13))

    # 2. Rolled back at once: RollbackDetails as they stood then. 3. The rollback cancelled: Cancelling.
    asg.rollback_instance_refresh(AutoScalingGroupName=a)
    rolling = refresh_of(a)
    out["rollback"] = {"status": rolling["Status"], "details": {k: v for k, v in rolling["RollbackDetails"].items() if k != "RollbackStartTime"}}
    out["updateTemplateDuringRollback"] = error(lambda: asg.update_auto_scaling_group(
        AutoScalingGroupName=a, LaunchTemplate={"LaunchTemplateId": template["LaunchTemplateId"], "Version": "1"}))
    out["cancelRollback"] = asg.cancel_instance_refresh(AutoScalingGroupName=a)["InstanceRefreshId"] == rolling["InstanceRefreshId"]
    out["afterCancel"] = refresh_of(a)["Status"]
    out["cancelAgain"] = error(lambda: asg.cancel_instance_refresh(AutoScalingGroupName=a))

    # 4. AutoRollback needs a group it can roll back to: a numbered version whose image is an AMI ID, and a desired configuration.
    b = given["groupB"]
    template = template_of(b)
    desired = {"LaunchTemplate": {"LaunchTemplateId": template["LaunchTemplateId"], "Version": given["newVersionB"]}}
    out["autoRollbackNoDesired"] = error(lambda: asg.start_instance_refresh(AutoScalingGroupName=b, Preferences={"AutoRollback": True}))
    irreversible = {}
    for version in ("$Latest", "$Default"):
        asg.update_auto_scaling_group(AutoScalingGroupName=b, LaunchTemplate={"LaunchTemplateId": template["LaunchTemplateId"], "Version": version})
        irreversible[version] = error(lambda: asg.start_instance_refresh(
            AutoScalingGroupName=b, DesiredConfiguration=desired, Preferences={"AutoRollback": True}))
    ssm_version = ec2.create_launch_template_version(
        LaunchTemplateId=template["LaunchTemplateId"], SourceVersion="1", LaunchTemplateData={"ImageId": given["ssmImage"]},
    )["LaunchTemplateVersion"]["VersionNumber"]
    asg.update_auto_scaling_group(AutoScalingGroupName=b, LaunchTemplate={"LaunchTemplateId": template["LaunchTemplateId"], "Version": str(ssm_version)})
    irreversible["ssm"] = error(lambda: asg.start_instance_refresh(
        AutoScalingGroupName=b, DesiredConfiguration=desired, Preferences={"AutoRollback": True}))
    out["irreversible"] = irreversible
    out["refreshesOfB"] = len(asg.describe_instance_refreshes(AutoScalingGroupName=b)["InstanceRefreshes"])

    # Without AutoRollback the same refresh starts.
    out["startedWithoutAutoRollback"] = bool(asg.start_instance_refresh(
        AutoScalingGroupName=b, DesiredConfiguration=desired, Preferences={"AutoRollback": False})["InstanceRefreshId"])
    print(json.dumps(out, default=str))


if __name__ == "__main__":
    main()
