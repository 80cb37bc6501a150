// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('aws_collection_parts', table => {
    table.comment('One account × region of one source: how fresh its data is');
    table.string('source_id', 64).notNullable();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('account_name').nullable();
    table.string('collected_at', 32).nullable().comment('ISO time of the last successful collection');
    table.string('last_attempt_at', 32).nullable();
    table.text('error').nullable().comment('Why the last attempt failed, in a sentence');
    table.integer('item_count').notNullable().defaultTo(0);
    table
      .integer('revision')
      .notNullable()
      .defaultTo(0)
      .comment('Bumped on every write, so readers know when to rebuild their answers');
    table.primary(['source_id', 'account_id', 'region']);
  });
  await knex.schema.createTable('aws_collection_items', table => {
    table.comment('The last known state of each item of each source');
    table.string('source_id', 64).notNullable();
    table.string('item_key', 2048).notNullable().comment('Usually the ARN');
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('collected_at', 32).notNullable();
    table.text('tags').notNullable().comment('The resource tags as JSON');
    table.text('data').notNullable().comment("The source's item as JSON");
    table.primary(['source_id', 'item_key']);
    table.index(['source_id', 'account_id', 'region'], 'aws_collection_items_part_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('aws_collection_items');
  await knex.schema.dropTable('aws_collection_parts');
};
