// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('aws_health_targets', table => {
    table.comment('One watched AWS account × region and how fresh its data is');
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('account_name').nullable();
    table.string('collected_at', 32).nullable().comment('ISO time of the last successful collection');
    table.string('last_attempt_at', 32).nullable();
    table.text('error').nullable().comment('Why the last attempt failed, in a sentence');
    table.integer('service_count').notNullable().defaultTo(0);
    table.primary(['account_id', 'region']);
  });
  await knex.schema.createTable('aws_health_services', table => {
    table.comment('The last known state of each ECS service');
    table.string('service_arn', 512).primary();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('collected_at', 32).notNullable();
    table.text('snapshot').notNullable().comment('EcsServiceSnapshot as JSON');
    table.index(['account_id', 'region'], 'aws_health_services_target_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('aws_health_services');
  await knex.schema.dropTable('aws_health_targets');
};
