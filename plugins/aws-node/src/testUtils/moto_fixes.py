"""moto_server with corrections where moto 5.2.5 departs from AWS's documented
behaviour, for the tests that ask for them (startMotoServer({ fixes })).
Each fix names what moto does and what AWS does; nothing else changes.

kms-key-tags: moto's CloudFormation reads AWS::KMS::Key Tags in the KMS API's
shape (TagKey/TagValue) and fails on CloudFormation's documented shape
(Key/Value), so any tagged key in a template fails the stack. The fix hands
moto the tags in the shape it reads.

rds-parameter-group-ref: moto's CloudFormation hands an AWS::RDS::DBInstance
whose DBParameterGroupName is a Ref to a parameter group of the same template
the group object instead of its name (AWS resolves a Ref to the name), and its
RDS model fails with an AttributeError (CreateStack answers 500). The fix
hands moto the group's name.

rds-cross-region-replica: moto creates a read replica whose source is an ARN
of another Region by copying the primary and then setting the replica's
fields, its DB subnet group before its Region's backend, so it looks the
subnet group up in the primary's Region and fails (DBSubnetGroupNotFound);
AWS takes the subnet group of the replica's own Region. The fix sets the
backend first.

rds-master-user-secret: moto's CloudFormation drops an AWS::RDS::DBInstance's
ManageMasterUserPassword (and MasterUserSecret.KmsKeyId), so the instance has
no secret, and it refuses Fn::GetAtt MasterUserSecret.SecretArn ("does not
support attribute type"), which AWS documents and a proxy's role is granted.
The fix gives the instance the secret its RDS API gives one created with
ManageMasterUserPassword, and answers the attribute with its ARN.
"""
import sys

from moto.kms.models import Key
from moto.rds.models import DBInstance, DBParameterGroup, MasterUserSecret, RDSBackend
from moto.server import main


def kms_key_tags() -> None:
    create = Key.create_from_cloudformation_json.__func__

    def create_with_cfn_tags(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json.get("Properties", {})
        properties["Tags"] = [
            {"TagKey": t.get("Key", t.get("TagKey")), "TagValue": t.get("Value", t.get("TagValue"))}
            for t in properties.get("Tags", [])
        ]
        return create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)

    Key.create_from_cloudformation_json = classmethod(create_with_cfn_tags)


def rds_parameter_group_ref() -> None:
    create = DBInstance.create_from_cloudformation_json.__func__

    def create_with_group_name(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json.get("Properties", {})
        group = properties.get("DBParameterGroupName")
        if isinstance(group, DBParameterGroup):
            properties["DBParameterGroupName"] = group.name
        return create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)

    DBInstance.create_from_cloudformation_json = classmethod(create_with_group_name)


def rds_cross_region_replica() -> None:
    create = RDSBackend.create_db_instance_read_replica

    def create_with_own_backend(self, db_kwargs):
        if self.arn_regex.match(db_kwargs["source_db_instance_identifier"]):
            db_kwargs = {"backend": self, **db_kwargs}
        return create(self, db_kwargs)

    RDSBackend.create_db_instance_read_replica = create_with_own_backend


def rds_master_user_secret() -> None:
    create = DBInstance.create_from_cloudformation_json.__func__
    has_attr = DBInstance.has_cfn_attr.__func__
    get_attr = DBInstance.get_cfn_attribute

    def create_with_secret(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        database = create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        properties = cloudformation_json.get("Properties", {})
        if str(properties.get("ManageMasterUserPassword")).lower() == "true" and not hasattr(database, "master_user_secret"):
            database.manage_master_user_password = True
            database.master_user_secret = MasterUserSecret(database, (properties.get("MasterUserSecret") or {}).get("KmsKeyId"))
        return database

    def get_with_secret(self, attribute_name):
        if attribute_name == "MasterUserSecret.SecretArn" and hasattr(self, "master_user_secret"):
            return self.master_user_secret.secret_arn
        return get_attr(self, attribute_name)

    DBInstance.create_from_cloudformation_json = classmethod(create_with_secret)
    DBInstance.has_cfn_attr = classmethod(lambda cls, attr: attr == "MasterUserSecret.SecretArn" or has_attr(cls, attr))
    DBInstance.get_cfn_attribute = get_with_secret


FIXES = {
    "kms-key-tags": kms_key_tags,
    "rds-parameter-group-ref": rds_parameter_group_ref,
    "rds-cross-region-replica": rds_cross_region_replica,
    "rds-master-user-secret": rds_master_user_secret,
}

if __name__ == "__main__":
    names = sys.argv[1].split(",") if len(sys.argv) > 1 and sys.argv[1] else []
    for name in names:
        FIXES[name]()
    sys.argv = [sys.argv[0], *sys.argv[2:]]
    main()
