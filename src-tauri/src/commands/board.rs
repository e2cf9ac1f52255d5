//! The board.

use conveyor_core::usecases::board::{self, Board, BoardQuery, ColumnPage};

commands! {
    /// The conveyor board of the open workspace.
    fn board_get(shell, query: BoardQuery) -> Board {
        board::get_board(shell.session.store()?, &shell.clock, &query)
    }

    /// More cards of one column (the board carries each column's first ones).
    fn board_column(shell, query: BoardQuery, step_id: i64, offset: u32, limit: u32) -> ColumnPage {
        board::get_column(shell.session.store()?, &query, step_id, offset, limit)
    }
}
