// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('aws_collection_schedule', table => {
    table.comment(
      'When each account × region of each source is next due, and which replica holds it while collecting',
    );
    table.string('source_id', 64).notNullable();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table
      .bigInteger('due_at_ms')
      .nullable()
      .comment('Database time (ms since the epoch) the next collection is due; null: only when asked');
    table.string('lease_token', 255).nullable().comment('The run holding the part, while one does');
    table.string('leased_by', 255).nullable().comment('Which replica holds it (for people reading the table)');
    table.bigInteger('lease_expires_ms').nullable().comment('Renewed while the run lives; after it, any replica may take the part');
    table.bigInteger('started_ms').nullable().comment('When the holding run started');
    table.primary(['source_id', 'account_id', 'region']);
    table.index(['due_at_ms'], 'aws_collection_schedule_due_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('aws_collection_schedule');
};
